import {describe, expect, test} from 'vitest'
import {keepsSource, locateCrop, planGeometry, type GeometryParams} from './image-geometry'
import {ImageParamError, MAX_OUTPUT_SIZE} from './image-params'

const SOURCE = {width: 300, height: 200}

function plan(params: Partial<GeometryParams>, source = SOURCE) {
  return planGeometry(source, {
    fit: 'clip',
    anchor: {x: 0.5, y: 0.5},
    dpr: 1,
    bounds: {},
    pad: 0,
    orientation: 0,
    flipHorizontal: false,
    flipVertical: false,
    ...params,
  })
}

describe('planGeometry', () => {
  test('clip fits the image inside the box, keeping its aspect ratio (and scales up)', () => {
    expect(plan({width: 100, height: 100}).canvas).toEqual({width: 100, height: 67})
    expect(plan({width: 600}).canvas).toEqual({width: 600, height: 400})
    expect(plan({height: 50}).canvas).toEqual({width: 75, height: 50})
  })

  test('max is clip that never scales up', () => {
    expect(plan({width: 600, height: 600, fit: 'max'}).canvas).toEqual(SOURCE)
    expect(plan({width: 600, fit: 'max'}).canvas).toEqual(SOURCE)
    expect(plan({width: 150, height: 150, fit: 'max'}).canvas).toEqual({width: 150, height: 100})
  })

  test('crop fills the box and cuts the rest, placed by the anchor', () => {
    const centred = plan({width: 100, height: 100, fit: 'crop'})
    expect(centred.canvas).toEqual({width: 100, height: 100})
    expect(centred.crop).toMatchObject({width: 200, height: 200})
    expect(locateCrop({width: 200, height: 200, anchor: {x: 0.5, y: 0.5}}, SOURCE)).toEqual({left: 50, top: 0, width: 200, height: 200})
    expect(locateCrop({width: 200, height: 200, anchor: {x: 0, y: 0}}, SOURCE).left).toBe(0)
    expect(locateCrop({width: 200, height: 200, anchor: {x: 1, y: 0}}, SOURCE).left).toBe(100)
    // A focal point near an edge still keeps the crop inside the image.
    expect(locateCrop({width: 200, height: 200, anchor: {x: 0.9, y: 0.5}}, SOURCE).left).toBe(100)
    expect(locateCrop({width: 200, height: 200, anchor: {x: 0.6, y: 0.5}}, SOURCE).left).toBe(80)
  })

  test('fill pads the fitted image to the box; fillmax does too, without scaling up', () => {
    expect(plan({width: 100, height: 100, fit: 'fill'})).toMatchObject({image: {width: 100, height: 67}, canvas: {width: 100, height: 100}})
    expect(plan({width: 600, height: 600, fit: 'fillmax'})).toMatchObject({image: SOURCE, canvas: {width: 600, height: 600}})
  })

  test('scale stretches to the box', () => {
    expect(plan({width: 50, height: 150, fit: 'scale'}).canvas).toEqual({width: 50, height: 150})
  })

  test('min crops to the box’s aspect ratio but never scales up', () => {
    expect(plan({width: 100, height: 100, fit: 'min'})).toMatchObject({crop: {width: 200, height: 200}, canvas: {width: 100, height: 100}})
    expect(plan({width: 600, height: 600, fit: 'min'})).toMatchObject({crop: {width: 200, height: 200}, canvas: {width: 200, height: 200}})
  })

  test('dpr multiplies sizes and padding', () => {
    expect(plan({width: 50, dpr: 2}).canvas).toEqual({width: 100, height: 67})
    expect(plan({width: 50, dpr: 2, pad: 5})).toMatchObject({image: {width: 100, height: 67}, canvas: {width: 120, height: 87}})
  })

  test('rect cuts the source first, clipped to the image', () => {
    expect(plan({rect: {left: 250, top: 150, width: 100, height: 100}})).toMatchObject({
      rect: {left: 250, top: 150, width: 50, height: 50},
      canvas: {width: 50, height: 50},
    })
    expect(() => plan({rect: {left: 300, top: 0, width: 10, height: 10}})).toThrow(ImageParamError)
  })

  test('a quarter turn swaps width and height before fitting', () => {
    expect(plan({orientation: 90, width: 100}).canvas).toEqual({width: 100, height: 150})
  })

  test('min-w/max-w/min-h/max-h let a crop’s box give way towards the source’s aspect ratio', () => {
    // 300×200 into 100×100: the box may widen to 120, then lower towards 80.
    expect(plan({width: 100, height: 100, fit: 'crop', bounds: {maxWidth: 120, minHeight: 70}}).canvas).toEqual({width: 120, height: 80})
    expect(plan({width: 100, height: 100, fit: 'crop', bounds: {maxWidth: 110}}).canvas).toEqual({width: 110, height: 100})
    // Without bounds the box is exact.
    expect(plan({width: 100, height: 100, fit: 'crop'}).canvas).toEqual({width: 100, height: 100})
  })

  test(`scales output larger than ${MAX_OUTPUT_SIZE} px down to fit`, () => {
    expect(plan({width: 8000, dpr: 3}).canvas).toEqual({width: MAX_OUTPUT_SIZE, height: 5461})
    expect(plan({}, {width: 20_000, height: 100}).canvas).toEqual({width: MAX_OUTPUT_SIZE, height: 41})
  })
})

describe('keepsSource', () => {
  test('holds only when nothing changes', () => {
    expect(keepsSource(plan({}))).toBe(true)
    expect(keepsSource(plan({width: 300}))).toBe(true)
    expect(keepsSource(plan({width: 600, fit: 'max'}))).toBe(true)
    expect(keepsSource(plan({width: 299}))).toBe(false)
    expect(keepsSource(plan({orientation: 180}))).toBe(false)
    expect(keepsSource(plan({flipVertical: true}))).toBe(false)
    expect(keepsSource(plan({rect: {left: 0, top: 0, width: 300, height: 200}}))).toBe(false)
    expect(keepsSource(plan({pad: 1}))).toBe(false)
  })
})
