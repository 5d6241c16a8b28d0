import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../core/api/kit';
import { toApiError } from '../../renderer/src/api';

describe('API errors in the renderer', () => {
  it('keeps the code, message and issues of an ApiCallError', () => {
    const err = new ApiCallError({
      code: 'invalid_input',
      message: 'Invalid input',
      issues: [{ path: 'name', message: 'name is required' }],
    });
    expect(toApiError(err)).toEqual({
      code: 'invalid_input',
      message: 'Invalid input',
      issues: [{ path: 'name', message: 'name is required' }],
    });
  });

  it('accepts a plain object with .data (what crosses the Electron bridge)', () => {
    expect(toApiError({ data: { code: 'not_found', message: 'No person p-9' } })).toEqual({
      code: 'not_found',
      message: 'No person p-9',
    });
  });

  it('turns anything else into an internal error with its message', () => {
    expect(toApiError(new Error('socket closed'))).toEqual({ code: 'internal', message: 'socket closed' });
    expect(toApiError({ data: { message: 'no code' } })).toEqual({ code: 'internal', message: 'Unexpected error' });
    expect(toApiError('boom')).toEqual({ code: 'internal', message: 'boom' });
  });
});
