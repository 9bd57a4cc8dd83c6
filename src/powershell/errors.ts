/**
 * The error the PowerShell runtime throws where PowerShell would throw a terminating error, with
 * PowerShell's own message, so a ported `catch { $_.Exception.Message }` reads the same text.
 */

/** A terminating error as PowerShell raises it (`RuntimeException` and friends). */
export class PowerShellError extends Error {
  /** PowerShell's error id (`DivideByZero`, `InvalidCastParseTargetInvocation`, …). */
  readonly errorId: string;

  constructor(errorId: string, message: string) {
    super(message);
    this.name = 'PowerShellError';
    this.errorId = errorId;
  }
}

/** PowerShell's message for a failed conversion (`[int]'abc'`). */
export function conversionError(value: unknown, typeName: string, reason: string): PowerShellError {
  const shown = value === null || value === undefined ? '' : String(value);
  return new PowerShellError(
    'InvalidCastParseTargetInvocation',
    `Cannot convert value "${shown}" to type "${typeName}". Error: "${reason}"`,
  );
}
