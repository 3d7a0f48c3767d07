/** Peak resident set size of this program so far, in MB (Linux's `VmHWM`; see peakRss.mjs). */
export function peakRssMb(): number;
