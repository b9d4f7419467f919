/**
 * Organisations in time: the facts about changes of name, kind and succession that are not
 * in a single reference row. Dates and names come from the reference files (build.ts reads
 * them); what is here says what kind of change each was, and where that is stated.
 */

/**
 * CCGs were abolished and their areas became sub-ICB locations of Integrated Care Boards on
 * 1 July 2022, keeping their ODS codes. The reference files give the names before (ONS CCG
 * names 2017 and 2019) and after (ODS eccg, 2025: "NHS MID AND SOUTH ESSEX ICB - 07G"); the
 * date is the Health and Care Act 2022's, not in a reference file.
 */
export const CCGS_ABOLISHED = {
  lastDay: '2022-06-30',
  firstDayAfter: '2022-07-01',
  source: 'CCGs abolished and ICBs established on 1 July 2022 (Health and Care Act 2022); the date is not in a reference file',
} as const;

export type SuccessionKind = 'MERGER' | 'TRANSFER' | 'REORGANISATION';

export interface SuccessionFact {
  kind: SuccessionKind;
  description: string;
  source: string;
}

/** By predecessor id; the successor and dates are in ORGANISATIONS and the reference files. */
export const SUCCESSIONS: Record<string, SuccessionFact> = {
  btuh: {
    kind: 'MERGER',
    description:
      'Basildon and Thurrock University Hospitals NHS FT closed and merged into the trust that was Southend University Hospital NHS FT, which kept its code RAJ and was renamed Mid and South Essex NHS FT.',
    source: 'ods/etr_ods2025_national: RDD CloseDate 20200331; RAJ Name MID AND SOUTH ESSEX NHS FOUNDATION TRUST (OpenDate 19910401)',
  },
  sept: {
    kind: 'TRANSFER',
    description:
      'South Essex Partnership University NHS FT closed; Essex Partnership University NHS FT opened the next day and took over its services.',
    source: 'ods/etr_ods2025_national: RWN CloseDate 20170331, R1L OpenDate 20170401',
  },
  'purbeck-district-council': {
    kind: 'REORGANISATION',
    description:
      'Purbeck District Council was abolished in the Dorset local government reorganisation and replaced by the unitary Dorset Council.',
    source: 'geography/uk_local_authorities_mysociety: PUR end-date 2019-03-31, replaced-by DST; DST (E06000059) start-date 2019-04-01',
  },
  'dorset-county-council': {
    kind: 'REORGANISATION',
    description:
      'Dorset County Council was abolished in the Dorset local government reorganisation and replaced by the unitary Dorset Council.',
    source: 'geography/uk_local_authorities_mysociety: DOR end-date 2019-03-31, replaced-by DST; DST (E06000059) start-date 2019-04-01',
  },
};
