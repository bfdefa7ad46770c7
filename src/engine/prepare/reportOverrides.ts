import type { ResolvedProfile } from '../config/resolve';
import type { ReportFormat } from '../report/writeReports';

/** Where and how a caller wants the reports instead of the profile's report settings. */
export interface ReportOverrides {
  /** Formats instead of the profile's report.formats. */
  formats?: ReportFormat[];
  /** Folder instead of the profile's report.dir (also where the regression baseline is looked for). */
  outDir?: string;
}

/** The profile with the caller's report folder and formats applied. */
export function withReportOverrides(profile: ResolvedProfile, options: ReportOverrides): ResolvedProfile {
  if (!options.formats && !options.outDir) return profile;
  return {
    ...profile,
    report: {
      ...profile.report,
      ...(options.formats ? { formats: [...options.formats] } : {}),
      ...(options.outDir ? { dir: options.outDir } : {}),
    },
  };
}
