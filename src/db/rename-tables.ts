import {
  IdentifierNode,
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type TableNode,
  type UnknownRow,
} from 'kysely';
import type { Db } from './connect.ts';

class Renamer extends OperationNodeTransformer {
  constructor(private readonly names: Readonly<Record<string, string>>) {
    super();
  }

  protected override transformTable(node: TableNode): TableNode {
    const table = super.transformTable(node);
    const to = this.names[table.table.identifier.name];
    if (to === undefined) return table;
    return { ...table, table: { ...table.table, identifier: IdentifierNode.create(to) } };
  }
}

/**
 * The same database, with queries naming table A sent to table B instead: one store written
 * against one pair of tables runs on another pair with the same columns (the SOS letter's sends
 * use the newsletters' delivery store on `sos_sends` and `sos_deliveries`). Schema-qualified
 * names (PostgreSQL tests) keep their schema.
 */
export function withRenamedTables(db: Db, names: Readonly<Record<string, string>>): Db {
  const renamer = new Renamer(names);
  const plugin: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => renamer.transformNode(args.node),
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
  };
  return { ...db, kysely: db.kysely.withPlugin(plugin) };
}
