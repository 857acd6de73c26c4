import {expect, test} from 'vitest'
import {croppedDimensions, responsiveImage, socialImageUrl} from './sanity-image'

const asset = {
  _id: 'image-0123456789abcdef0123456789abcdef01234567-2000x1000-jpg',
  url: 'http://127.0.0.1:3334/images/local/production/0123456789abcdef0123456789abcdef01234567-2000x1000.jpg',
  metadata: {lqip: 'data:image/jpeg;base64,AAAA', dimensions: {width: 2000, height: 1000}},
}

test('the URLs point at the CDN the asset came from, with its project and dataset', () => {
  const image = responsiveImage({asset})!
  expect(image.src).toBe('http://127.0.0.1:3334/images/local/production/0123456789abcdef0123456789abcdef01234567-2000x1000.jpg?w=800&fit=max&auto=format')
  expect(image.srcSet.split(', ').map((candidate) => candidate.split(' ')[1])).toEqual(['320w', '480w', '640w', '800w', '960w', '1280w', '1600w'])
  expect(image).toMatchObject({width: 2000, height: 1000, placeholder: asset.metadata.lqip})
})

test('a small image is never offered wider than it is', () => {
  const small = {...asset, metadata: {dimensions: {width: 500, height: 250}}}
  const image = responsiveImage({asset: small})!
  expect(image.srcSet.split(', ').map((candidate) => candidate.split(' ')[1])).toEqual(['320w', '480w', '500w'])
  expect(image.placeholder).toBeNull()
})

test('the editor’s crop sets the reserved size and goes into the URL', () => {
  const crop = {left: 0.25, right: 0.25, top: 0, bottom: 0}
  expect(croppedDimensions({asset, crop})).toEqual({width: 1000, height: 1000})
  expect(responsiveImage({asset, crop})!.src).toContain('rect=500,0,1000,1000')
})

test('social cards get a 1200×630 crop; an image without a CDN address gets nothing', () => {
  expect(socialImageUrl({asset})).toMatchObject({width: 1200, height: 630})
  expect(socialImageUrl({asset})!.url).toContain('w=1200&h=630&fit=crop')
  expect(responsiveImage({asset: {...asset, url: null}})).toBeNull()
})
