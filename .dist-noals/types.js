/**
 * The public interfaces users extend by declaration merging:
 *
 * ```ts
 * declare module 'pode-ts' {
 *   interface SessionData { views?: number }
 *   interface AuthUser { id: number; name: string }
 *   interface WebEventMetadata { requestId?: string }
 * }
 * ```
 */
export {};
//# sourceMappingURL=types.js.map