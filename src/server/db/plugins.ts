import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from "kysely";

const toStored = (value: unknown): unknown => (typeof value === "boolean" ? (value ? 1 : 0) : value);

class BooleanToIntegerTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const next = super.transformValue(node);
    return typeof next.value === "boolean" ? { ...next, value: toStored(next.value) } : next;
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    const next = super.transformPrimitiveValueList(node);
    return { ...next, values: next.values.map(toStored) };
  }
}

/** Stores every boolean as 0/1 so that both engines keep the same column type (integer). */
export class BooleanAsIntegerPlugin implements KyselyPlugin {
  readonly #transformer = new BooleanToIntegerTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** PostgreSQL returns count(*) as a string (int8); SQLite as a number. Every count passes through here. */
export function toCount(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`Not a count: ${String(value)}`);
  return n;
}
