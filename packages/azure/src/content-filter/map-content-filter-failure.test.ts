import { ContentFilterError } from '@switchboard/core';
import type { BaseErrorOptions, HttpFailure } from '@switchboard/openai/internal';
import { describe, expect, it } from 'vitest';
import { mapContentFilterFailure } from './map-content-filter-failure.js';

const base: BaseErrorOptions = { message: 'filtered', provider: 'azure', status: 400, requestId: 'r1' };

function failure(rawError: unknown): HttpFailure {
  return { status: 400, error: undefined, rawError, headers: undefined, fallbackMessage: 'HTTP 400' };
}

describe('mapContentFilterFailure', () => {
  it('maps a blocked chat prompt with its verdicts (innererror.content_filter_result)', () => {
    const error = mapContentFilterFailure(
      failure({
        code: 'content_filter',
        status: 400,
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: {
            hate: { filtered: false, severity: 'safe' },
            jailbreak: { filtered: true, detected: true },
            custom_blocklists: { filtered: false, details: [] },
            error: { code: 'X', message: 'partial' },
          },
        },
      }),
      base,
    );
    expect(error).toBeInstanceOf(ContentFilterError);
    expect(error).toMatchObject({ code: 'content-filter', retryable: false, status: 400, requestId: 'r1' });
    expect((error as ContentFilterError).categories).toEqual({
      hate: { filtered: false, severity: 'safe' },
      jailbreak: { filtered: true, detected: true },
      custom_blocklists: { filtered: false },
    });
  });

  it('maps images (content_policy_violation, content_filter_results) and a bare code or policy', () => {
    const images = mapContentFilterFailure(
      failure({
        code: 'content_policy_violation',
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_results: { sexual: { filtered: true, severity: 'high' } },
        },
      }),
      base,
    );
    expect((images as ContentFilterError).filteredCategories).toEqual(['sexual']);
    expect(mapContentFilterFailure(failure({ code: 'content_filter' }), base)).toMatchObject({ categories: {} });
    expect(
      mapContentFilterFailure(failure({ code: 'other', innererror: { code: 'ResponsibleAIPolicyViolation' } }), base),
    ).toBeInstanceOf(ContentFilterError);
  });

  it('leaves every other failure to the generic mapping', () => {
    expect(
      mapContentFilterFailure(failure({ code: 'invalid_value', innererror: { code: 'Other' } }), base),
    ).toBeUndefined();
    expect(mapContentFilterFailure(failure({ code: '429' }), base)).toBeUndefined();
    expect(mapContentFilterFailure(failure(undefined), base)).toBeUndefined();
    expect(mapContentFilterFailure(failure('text'), base)).toBeUndefined();
  });
});
