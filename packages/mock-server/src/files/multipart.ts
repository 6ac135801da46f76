import { invalidRequest } from '../http/api-error.js';

/** The parts of a multipart upload the Files API reads. */
export interface Upload {
  file: { name: string; data: Buffer } | undefined;
  fields: Map<string, string>;
}

/**
 * Parses a multipart/form-data body with the platform's own parser (undici's `Response.formData()`), so the mock
 * reads exactly what fetch-based clients such as the OpenAI SDK write.
 */
export async function parseMultipart(body: Buffer, contentType: string | undefined): Promise<Upload> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) {
    throw invalidRequest(
      `Invalid Content-Type header (${contentType ?? 'none'}), expected multipart/form-data. (HINT: If you're using curl, you can pass -H 'Content-Type: multipart/form-data')`,
    );
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw invalidRequest('Could not parse multipart form');
  }
  const fields = new Map<string, string>();
  let file: Upload['file'];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields.set(name, value);
    else if (name === 'file') file = { name: value.name, data: Buffer.from(await value.arrayBuffer()) };
  }
  return { file, fields };
}
