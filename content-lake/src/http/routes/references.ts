import {requireUser} from '../auth'
import {pathParam, type Route} from '../context'
import {apiError} from '../errors'

/**
 * `GET /v{apiVersion}/data/references/{dataset}/documents/{id}/to`: the documents in *other*
 * datasets and projects that refer to this one. Studio polls it every 5 s while a delete or
 * unpublish dialog is open, always with `excludeInternalReferences=true` (it finds references
 * inside the dataset itself with a GROQ listener), to warn about cross-dataset references.
 *
 * The lake keeps no index of cross-dataset references (each dataset is its own store), so it
 * answers as Sanity does for a document nothing outside its dataset refers to. A document that
 * does not exist (or that the caller may not read) is a 404, as on the hosted API: Studio reads
 * that as "no references" too.
 */
export const referencesToRoute: Route = async ({params, access, lake}) => {
  requireUser(access, lake.tokens.current())
  const dataset = pathParam(params, 'dataset')
  const id = pathParam(params, 'id')
  const {documents} = lake.getDocuments(dataset, [id], access)
  if (documents.length === 0) throw apiError(404, `Document "${id}" not found`)
  return {totalCount: 0, references: []}
}
