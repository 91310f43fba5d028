export { WorldInspector } from './world-inspector';
export { parseEdit, parseEntityId, parseListRequest, parseWatch } from './requests';
export { listEntities, entityName, MAX_PAGE } from './entity-list';
export { applyEdit } from './edits';
export { EntityWatch, MAX_WATCHED } from './entity-watch';
export { InspectError } from './types';
export type { ComponentView, EditResult, EntityDelta, EntityListItem, EntityListRequest, EntityPage, EntityView, FieldPath, InspectEdit } from './types';
