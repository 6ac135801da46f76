import { describe, expect, it } from 'vitest';
import { resolveDeployment } from './resolve-deployment.js';

describe('resolveDeployment', () => {
  const deployments = { 'gpt-4o': 'prod-4o', 'batch:gpt-4o': 'globalbatch-4o' };

  it('prefers a deployment for the kind, then the model, then the name itself', () => {
    expect(resolveDeployment(deployments, 'gpt-4o', 'batch')).toBe('globalbatch-4o');
    expect(resolveDeployment(deployments, 'gpt-4o', 'chat')).toBe('prod-4o');
    expect(resolveDeployment(deployments, 'my-deployment', 'chat')).toBe('my-deployment');
    expect(resolveDeployment({}, 'gpt-4o', 'realtime')).toBe('gpt-4o');
  });
});
