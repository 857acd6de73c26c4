export {configFromEnv, ConfigError, type LakeConfig} from './config'
export {ContentLake} from './lake'
export {listen, type RunningServer} from './http/server'
export type {SanityDocument} from './types'
