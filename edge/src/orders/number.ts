/**
 * Order numbers as shoppers type them: "#1042", "1042", "nw-10042", "NW 10042".
 * The key keeps letters and digits only, upper-cased, so all spellings of one number meet.
 */
export function orderNumberKey(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Digits only: "10042" finds "NW-10042", but only among the verified customer's own orders. */
export function orderNumberDigits(input: string): string {
  return input.normalize('NFKC').replace(/\D/g, '');
}
