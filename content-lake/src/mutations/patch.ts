import {Mutation, type Mut} from '@sanity/mutator'
import type {SanityDocument} from '../types'

/** The patch operators; their semantics come from Sanity's own mutator. */
export const PATCH_OPERATIONS = ['set', 'setIfMissing', 'unset', 'inc', 'dec', 'insert', 'diffMatchPatch'] as const

export type PatchOperations = Partial<Record<(typeof PATCH_OPERATIONS)[number], unknown>>

/** Applies the operators of one patch to a document, returning a new document. */
export function applyPatch(document: SanityDocument, operations: PatchOperations): SanityDocument {
  // Operator values are the caller's JSON; the mutator validates them and throws on bad ones.
  const patch = {patch: {...operations, id: document._id}} as Mut
  const mutation = new Mutation({mutations: [patch]})
  return mutation.apply(document) as SanityDocument
}
