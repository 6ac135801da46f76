import { askScene, embeddingsScene, imageScene, streamingScene, visionScene } from './basic-scenes.js';
import { batchScene } from './batch-scene.js';
import { realtimeScene } from './realtime-scene.js';
import { resilienceScene } from './resilience-scene.js';
import type { Scene } from './scene.js';
import { structuredOutputScene } from './structured-output-scene.js';
import { summaryScene } from './summary-scene.js';
import { tokensScene } from './tokens-scene.js';
import { toolLoopScene } from './tool-loop-scene.js';

/** The tour, in order. */
export const TOUR_SCENES: Scene[] = [
  streamingScene,
  askScene,
  structuredOutputScene,
  toolLoopScene,
  visionScene,
  imageScene,
  embeddingsScene,
  tokensScene,
  realtimeScene,
  resilienceScene,
  batchScene,
  summaryScene,
];
