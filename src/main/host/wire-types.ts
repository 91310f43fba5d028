/**
 * The world's data is typed twice: by the engine (src/engine/inspect,
 * src/engine/map), which answers over the link, and by the studio's
 * contract (src/shared), which the renderer may import while the engine may
 * not. The studio host passes the one on as the other, so here, where both
 * can be imported, the compiler holds them to the same shape: a field added
 * to one copy and not the other fails `npm run typecheck`.
 */
import type * as engine from '../../engine/inspect';
import type * as engineMap from '../../engine/map';
import type * as shared from '../../shared/model';

/** True when A and B are the same type to the compiler (assignable both ways is not enough: it lets an optional field go missing). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type Agree<T extends true> = T;

/** Each pair the host hands on unchanged; a `false` here names the pair that drifted apart. */
export type WireTypesAgree = [
  Agree<Same<engine.EntityPage, shared.EntityPage>>,
  Agree<Same<engine.EntityView, shared.EntityView>>,
  Agree<Same<engine.EntityDelta, shared.EntityDelta>>,
  Agree<Same<engine.EntityListRequest, shared.EntityListRequest>>,
  Agree<Same<engineMap.MapRoom, shared.MapRoom>>,
  Agree<Same<engineMap.MapMarker, shared.MapMarker>>,
  Agree<Same<engineMap.WorldMap, shared.WorldMap>>,
  Agree<Same<engineMap.MarkerDelta, shared.MarkerDelta>>,
  Agree<Same<engineMap.MapEdit, shared.MapEdit>>,
  Agree<Same<engineMap.MapEditResult, shared.MapEditResult>>,
];
