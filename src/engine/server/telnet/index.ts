export * from './constants';
export { TelnetParser, DEFAULT_MAX_SUBNEGOTIATION, type TelnetEvent, type TelnetParserOptions } from './parser';
export { LineAssembler, DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_BUFFERED_BYTES, type LineEvent, type LineAssemblerOptions } from './lines';
export { OptionNegotiator, type OptionPolicy, type OptionPolicyEntry, type OptionNegotiatorHooks, type QState, type Side } from './options';
export { DEFAULT_OPTION_POLICY, DEFAULT_OFFERS, OFFER_ORDER, policyForOffers, type TelnetOffers } from './policy';
export {
  TtypeCycle, MttsFlag, TTYPE_IS, TTYPE_SEND, capabilitiesFromMtts, capabilitiesFromTerminalType, noCapabilities, parseTtypeIs, ttypeSend,
  type TerminalCapabilities, type TerminalInfo, type TtypeStep,
} from './mtts';
export { decodeNaws, DEFAULT_NAWS_BOUNDS, type NawsBounds, type WindowSize } from './naws';
export { encodeGmcp, decodeGmcp, gmcpEquals, isGmcpPackageName, GmcpSupports, type GmcpMessage, type GmcpClientHello } from './gmcp';
export { encodeMssp, encodeMsspText, isMsspRequest, MSSP_VAR, MSSP_VAL, type MsspValue, type MsspVariables } from './mssp';
export { charsetRequest, charsetAccepted, charsetRejected, answerCharset, parseCharset, isUtf8Name, CharsetCmd, type CharsetMessage } from './charset';
export { Mccp2Compressor, mccp2Start, type Mccp2Options } from './mccp2';
export { renderMarkup, escapeMarkup, stripAnsi, tagToAnsi, colorLevelOf, type ColorLevel } from './ansi';
export { renderText, encodeTelnetText } from './text';
export { TypedEmitter } from './events';
export { TelnetConnection, type TelnetConnectionOptions, type TelnetConnectionEvents } from './connection';
