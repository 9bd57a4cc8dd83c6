/**
 * Raw HTTP over node:net for tests that must send what fetch refuses to: malformed request
 * lines, duplicate or oversized headers, invalid UTF-8, lying Content-Lengths.
 */
import { connect } from 'node:net';

/** The status code and text of a raw response (status 0 when the server closed without one). */
export interface RawSocketResponse {
  status: number;
  text: string;
}

/** Sends `request` bytes to 127.0.0.1:port and collects the response until close or `timeoutMs`. */
export function sendRawBytes(
  port: number,
  request: Buffer | string,
  timeoutMs = 5_000,
): Promise<RawSocketResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match === null ? 0 : Number(match[1]), text });
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', done);
    socket.write(request);
  });
}
