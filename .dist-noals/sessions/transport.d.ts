import { type Unsigned } from '../signing.js';
import type { WebEvent } from '../web-event.js';
import type { SessionSettings } from './options.js';
/** Reads and writes the signed session id of one server's sessions. */
export declare class IdTransport {
    #private;
    constructor(settings: SessionSettings);
    /** The signed id the request carries (cookie, or header in header mode), if any. */
    read(event: WebEvent): string | undefined;
    /** Verifies a signed id against the secrets (strict-aware): the id and the secret's index, or null. */
    verify(event: WebEvent, signed: string): Unsigned | null;
    /** Signs an id with the first secret (strict-aware) for the response. */
    sign(event: WebEvent | undefined, id: string): string;
    /** The keys a signed id may verify under: the secrets, or their strict keys for this client. */
    verifyKeys(event: WebEvent): readonly string[];
    /** Sends the signed id: a cookie living until `expires` (with a duration), or a header. */
    write(event: WebEvent, signed: string, expires: number): void;
    /** After remove(): an expiring cookie (cookie mode); header mode has nothing to clear. */
    clear(event: WebEvent): void;
    /** After a failed save: the response must not carry a session id. */
    withdraw(event: WebEvent): void;
}
//# sourceMappingURL=transport.d.ts.map