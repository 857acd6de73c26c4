import {loadDateArchive as loader} from '~/archives/archive-loaders.server'
import {ArchivePage, archiveMeta as meta} from '~/archives/archive-page'

export {loader, meta}
export default ArchivePage
