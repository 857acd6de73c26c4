import {expect, test} from 'vitest'
import {defaultFormat, requestedFormat} from './image-format'

const WEBP_ACCEPT = 'image/avif,image/webp,image/apng,*/*;q=0.8'

test('auto=format asks for WebP when the Accept header takes it', () => {
  expect(requestedFormat({autoFormat: true}, 'jpg', WEBP_ACCEPT)).toBe('webp')
  expect(requestedFormat({autoFormat: true}, 'png', 'image/png, image/webp;q=0.5')).toBe('webp')
})

test('auto=format falls back to fm, or to nothing, when the client does not take WebP', () => {
  expect(requestedFormat({autoFormat: true}, 'png', 'image/png,*/*')).toBeUndefined()
  expect(requestedFormat({autoFormat: true}, 'png', 'image/webp;q=0')).toBeUndefined()
  expect(requestedFormat({autoFormat: true}, 'png', undefined)).toBeUndefined()
  expect(requestedFormat({autoFormat: true, format: 'jpg'}, 'png', 'image/png')).toBe('jpg')
})

test('auto=format leaves GIF and SVG alone', () => {
  expect(requestedFormat({autoFormat: true}, 'gif', WEBP_ACCEPT)).toBeUndefined()
  expect(requestedFormat({autoFormat: true}, 'svg', WEBP_ACCEPT)).toBeUndefined()
})

test('fm is the format asked for without auto=format', () => {
  expect(requestedFormat({autoFormat: false, format: 'pjpg'}, 'png', WEBP_ACCEPT)).toBe('pjpg')
  expect(requestedFormat({autoFormat: false}, 'jpg', WEBP_ACCEPT)).toBeUndefined()
})

test('a rendering keeps the source’s format where it can be written, else becomes PNG', () => {
  expect(defaultFormat('jpg')).toBe('jpg')
  expect(defaultFormat('gif')).toBe('gif')
  expect(defaultFormat('tiff')).toBe('png')
  expect(defaultFormat('svg')).toBe('png')
})
