/**
 * A string field's choices: the content contract's values (contract/), each with the title
 * editors see. `titles` must name every value, so a value added to the contract cannot be
 * left out of the Studio.
 */
export function optionList<V extends string>(values: readonly V[], titles: Record<V, string>): {title: string; value: V}[] {
  return values.map((value) => ({title: titles[value], value}))
}
