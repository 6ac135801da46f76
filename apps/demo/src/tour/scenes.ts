import { askScene, embeddingsScene, imageScene, streamingScene, visionScene } from './basic-scenes.js';
import { resilienceScene } from './resilience-scene.js';
import type { Scene } from './scene.js';
import { summaryScene } from './summary-scene.js';

/** The tour, in order. */
export const TOUR_SCENES: Scene[] = [streamingScene, askScene, visionScene, imageScene, embeddingsScene, resilienceScene, summaryScene];
