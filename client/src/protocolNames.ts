// The custom method names, typed against the server's constants so a rename there fails the
// client's type check. Only types cross from server/ (no runtime code in the client bundle).
import type * as P from '../../server/src/protocol';

export const CheckItemRequest: typeof P.CheckItemRequest = 'exportRules/checkItem';
export const ListItemsRequest: typeof P.ListItemsRequest = 'exportRules/listItems';
export const RunTestsRequest: typeof P.RunTestsRequest = 'exportRules/runTests';
export const DocumentInfoRequest: typeof P.DocumentInfoRequest = 'exportRules/documentInfo';
export const RulesChangedNotification: typeof P.RulesChangedNotification = 'exportRules/rulesChanged';
