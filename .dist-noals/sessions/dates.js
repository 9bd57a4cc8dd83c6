/**
 * Date strings for records (ISO-8601) and cookies (HTTP dates), made without formatting the same
 * second again: within a second every request shares its date-and-time part, and formatting a
 * Date costs more than the rest of a session save.
 */
// Two slots for ISO dates (created times and expiry times each repeat their own second).
const isoSlots = [
    { second: Number.NaN, text: '' },
    { second: Number.NaN, text: '' },
];
const httpSlot = { second: Number.NaN, text: '' };
/** `new Date(time).toISOString()`. */
export function isoDate(time) {
    const millisecond = Math.trunc(time);
    const second = Math.floor(millisecond / 1000);
    let slot = isoSlots[0].second === second ? isoSlots[0] : isoSlots[1];
    if (slot.second !== second) {
        // Reuse the slot holding the older second (an unused slot first).
        slot = !(isoSlots[0].second >= isoSlots[1].second) ? isoSlots[0] : isoSlots[1];
        slot.second = second;
        slot.text = new Date(second * 1000).toISOString().slice(0, 20); // 'YYYY-MM-DDTHH:MM:SS.'
    }
    const millis = millisecond - second * 1000;
    return `${slot.text}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
/** `new Date(time).toUTCString()` (whole seconds, as HTTP dates are). */
export function httpDate(time) {
    const second = Math.floor(time / 1000);
    if (second !== httpSlot.second) {
        httpSlot.second = second;
        httpSlot.text = new Date(second * 1000).toUTCString();
    }
    return httpSlot.text;
}
//# sourceMappingURL=dates.js.map