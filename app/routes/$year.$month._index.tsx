import {loadDateArchive} from '~/archives/archive-loaders.server'
import {ArchiveOrPage, archiveOrPage, archiveOrPageMeta as meta} from '~/pages/archive-or-page'

export const loader = archiveOrPage(loadDateArchive)
export {meta}
export default ArchiveOrPage
