import path from 'node:path'
import type {ContentLake} from '../lake'
import {RenderQueue} from './render-queue'
import {RenditionCache} from './rendition-cache'

export interface Renditions {
  cache: RenditionCache
  queue: RenderQueue
}

const byLake = new WeakMap<ContentLake, Renditions>()

/** The lake's image rendition cache (`<dataDir>/image-cache`) and render queue, made on first use. */
export function renditionsOf(lake: ContentLake): Renditions {
  let renditions = byLake.get(lake)
  if (!renditions) {
    const {images, dataDir} = lake.config
    renditions = {
      cache: new RenditionCache(path.join(dataDir, 'image-cache'), images.cacheBytes),
      // Waiting and rendering together stay within 1.5× the render budget.
      queue: new RenderQueue(images.concurrency, images.queue, images.timeoutSeconds * 500),
    }
    byLake.set(lake, renditions)
  }
  return renditions
}
