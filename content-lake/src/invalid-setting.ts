/**
 * A setting that cannot be used, thrown by the modules that parse one setting each;
 * `configFromEnv` reports it as a ConfigError.
 */
export class InvalidSettingError extends Error {
  override name = 'InvalidSettingError'
}
