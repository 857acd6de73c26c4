import {expect, test} from 'vitest'
import {paletteFromPixels} from './palette'

function pixels(...runs: [count: number, rgba: [number, number, number, number]][]): Uint8Array {
  return Uint8Array.from(runs.flatMap(([count, rgba]) => Array.from({length: count}, () => rgba).flat()))
}

test('finds the dominant colour and the vibrant and muted swatches', () => {
  const palette = paletteFromPixels(pixels([60, [255, 0, 0, 255]], [25, [0, 0, 128, 255]], [10, [120, 130, 125, 255]], [5, [250, 250, 250, 255]]))
  expect(palette.dominant).toEqual({
    _type: 'sanity.imagePaletteSwatch',
    background: '#ff0000',
    // Black text contrasts more with pure red than white does (WCAG).
    foreground: '#000',
    title: '#000',
    population: 60,
  })
  expect(palette.vibrant?.background).toBe('#ff0000')
  expect(palette.darkVibrant).toMatchObject({background: '#000080', foreground: '#fff', title: '#fff', population: 25})
  expect(palette.muted?.background).toBe('#78827d')
  expect(palette.lightMuted).toMatchObject({background: '#fafafa', foreground: '#000', population: 5})
})

test('leaves transparent pixels out', () => {
  const palette = paletteFromPixels(pixels([90, [255, 0, 0, 0]], [10, [0, 200, 0, 255]]))
  expect(palette.dominant).toMatchObject({background: '#00c800', population: 100})
})

test('has no swatches for a fully transparent image', () => {
  expect(paletteFromPixels(pixels([10, [0, 0, 0, 0]]))).toEqual({_type: 'sanity.imagePalette'})
})
