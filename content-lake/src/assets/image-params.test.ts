import {describe, expect, test} from 'vitest'
import {ImageParamError, parseImageParams} from './image-params'

const parse = (query: string, canWriteAvif = true) => parseImageParams(new URLSearchParams(query), canWriteAvif)

describe('parseImageParams', () => {
  test('has the hosted pipeline’s defaults', () => {
    expect(parse('')).toEqual({
      fit: 'clip',
      anchor: {x: 0.5, y: 0.5},
      dpr: 1,
      bounds: {},
      pad: 0,
      orientation: 0,
      flipHorizontal: false,
      flipVertical: false,
      blur: 0,
      sharpen: 0,
      saturation: 0,
      invert: false,
      autoFormat: false,
    })
  })

  test('reads what @sanity/image-url writes', () => {
    const params = parse(
      'rect=10,20,30,40&bg=ff0000&fp-x=0.25&fp-y=0.75&flip=hv&w=120&h=80&fm=webp&dl=a.png&blur=20&sharp=10&invert=true&or=90&min-h=5&max-h=500&min-w=6&max-w=600&q=60&fit=crop&crop=focalpoint&sat=-100&auto=format&dpr=2&pad=4&frame=1',
    )
    expect(params).toEqual({
      width: 120,
      height: 80,
      fit: 'crop',
      anchor: {x: 0.25, y: 0.75},
      rect: {left: 10, top: 20, width: 30, height: 40},
      dpr: 2,
      bounds: {minWidth: 6, maxWidth: 600, minHeight: 5, maxHeight: 500},
      pad: 4,
      orientation: 90,
      flipHorizontal: true,
      flipVertical: true,
      background: {r: 255, g: 0, b: 0, alpha: 1},
      blur: 20,
      sharpen: 10,
      saturation: -100,
      invert: true,
      format: 'webp',
      autoFormat: true,
      quality: 60,
      download: 'a.png',
    })
  })

  test('turns crop directions into an anchor point', () => {
    expect(parse('crop=top,left').anchor).toEqual({x: 0, y: 0})
    expect(parse('crop=bottom').anchor).toEqual({x: 0.5, y: 1})
    expect(parse('crop=right,center').anchor).toEqual({x: 1, y: 0.5})
    expect(parse('crop=entropy').anchor).toBe('entropy')
    // A focal point counts only with crop=focalpoint.
    expect(parse('fp-x=0.1').anchor).toEqual({x: 0.5, y: 0.5})
  })

  test('reads bg as RGB, ARGB, RRGGBB or AARRGGBB, alpha first', () => {
    expect(parse('bg=0f0').background).toEqual({r: 0, g: 255, b: 0, alpha: 1})
    expect(parse('bg=80ff0000').background).toEqual({r: 255, g: 0, b: 0, alpha: 128 / 255})
    expect(parse('bg=0fff').background).toEqual({r: 255, g: 255, b: 255, alpha: 0})
  })

  test('rounds fractional sizes, as image-url passes them through', () => {
    expect(parse('w=99.6').width).toBe(100)
  })

  test('keeps dl without a value as a download under the asset’s own name', () => {
    expect(parse('dl=').download).toBe('')
  })

  test('offers AVIF only when it can be written', () => {
    expect(parse('fm=avif').format).toBe('avif')
    expect(() => parse('fm=avif', false)).toThrow(ImageParamError)
  })

  test.each([
    'w=0',
    'w=-5',
    'w=abc',
    'w=8193',
    'h=1e3',
    'fit=zoom',
    'crop=top,bottom',
    'crop=left,right',
    'crop=focalpoint,top',
    'crop=middle',
    'fp-x=2&crop=focalpoint',
    'rect=1,2,3',
    'rect=0,0,0,10',
    'rect=a,b,c,d',
    'bg=red',
    'bg=12345',
    'q=101',
    'q=5.5',
    'dpr=0',
    'dpr=6',
    'or=45',
    'flip=x',
    'fm=bmp',
    'auto=compress',
    'invert=maybe',
    'blur=2001',
    'sat=-101',
    'frame=2',
    'pad=-1',
  ])('refuses %s', (query) => {
    expect(() => parse(query)).toThrow(ImageParamError)
  })

  test('ignores parameters it does not know', () => {
    expect(parse('ixlib=1&w=10')).toEqual(parse('w=10'))
  })
})
