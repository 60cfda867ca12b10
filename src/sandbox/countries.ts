const COUNTRY_NAMES: Record<string, string> = {
  GB: 'United Kingdom',
  IE: 'Ireland',
  FR: 'France',
  DE: 'Germany',
  NL: 'Netherlands',
  BE: 'Belgium',
  ES: 'Spain',
  IT: 'Italy',
  PT: 'Portugal',
  SE: 'Sweden',
  DK: 'Denmark',
  PL: 'Poland',
  US: 'United States',
  CA: 'Canada',
  AU: 'Australia'
}

export function countryName (code: string): string {
  return COUNTRY_NAMES[code.toUpperCase()] ?? code.toUpperCase()
}
