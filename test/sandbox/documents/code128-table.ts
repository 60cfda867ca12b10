/*
 * Bar/space widths of the Code 128 symbols the barcode tests expect, worked out by hand from the
 * Code 128 symbol table (ISO/IEC 15417, table 1). Each character is six elements, bar first, eleven
 * modules; the stop character is seven elements, thirteen modules.
 *
 * "Pro" (the lower-case letters need code set B): Start B (104), P (48), r (82), o (79),
 * check (104 + 1·48 + 2·82 + 3·79) mod 103 = 38, Stop.
 * "123456" (an even run of digits, so code set C, two digits per character): Start C (105),
 * 12, 34, 56, check (105 + 1·12 + 2·34 + 3·56) mod 103 = 44, Stop.
 */
export const CODE128_WIDTHS: Readonly<Record<string, string>> = {
  Pro: '211214' + '313121' + '121241' + '134111' + '132311' + '2331112',
  123456: '211232' + '112232' + '131123' + '331121' + '132131' + '2331112'
}

/** Both symbols: five characters of 11 modules and a 13-module stop. */
export const CODE128_MODULES = 5 * 11 + 13
