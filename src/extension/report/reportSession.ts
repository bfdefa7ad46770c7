// One report opened for the view: its case index (built by streaming the file
// once), the first page sent with the report, the pages the view asks for, and
// the comparison with the previous run computed from both indexes. Free of
// `vscode`: the panel, the webview tests and the bench use it alike.
import type { ReportFromWebview, ReportToWebview, ReportViewData } from '../../protocol';
import type { CaseQuery } from '../../engine/model/caseQuery';
import type { RunComparison } from '../../engine/model/runComparison';
import { buildCaseIndex } from '../../engine/report/caseIndex';
import type { CaseIndex } from '../../engine/report/caseIndex';
import { CaseReader } from '../../engine/report/caseQuery';
import { errorMessage } from '../../engine/model/caseOutcome';
import { compareIndexes } from '../../engine/report/indexedComparison';
import type { ViewContext } from './viewData';
import { slimPage, toViewData } from './viewData';

/** The query the view starts with: failures first, no filter, the first 50. */
export const FIRST_QUERY: CaseQuery = { suite: 'all', status: 'all', text: '', sort: { key: 'status', dir: 'asc' }, page: 0, pageSize: 50 };

/** A report indexed for the view. */
export class ReportSession {
  /** Page requests run one at a time, in order of arrival; one overtaken by a later request is skipped. */
  private queue: Promise<unknown> = Promise.resolve();
  private arrived = 0;

  private constructor(
    readonly index: CaseIndex,
    private readonly reader: CaseReader,
  ) {}

  /** Indexes a report file; throws an error naming the file when it is not a report. */
  static async open(file: string): Promise<ReportSession> {
    const index = await buildCaseIndex(file);
    return new ReportSession(index, new CaseReader(index));
  }

  get file(): string {
    return this.index.file;
  }

  /** The view's data: head, aggregates, the first page and what the host adds. */
  async viewData(ctx: ViewContext, query: CaseQuery = FIRST_QUERY): Promise<ReportViewData> {
    return toViewData(this.index, { query, page: await this.reader.query(query) }, ctx);
  }

  /**
   * The answer to a page request (a page, or why it could not be read), or null
   * when another request came in while it waited: the view shows only its latest.
   */
  answer(m: Extract<ReportFromWebview, { type: 'queryCases' }>, uri: string): Promise<ReportToWebview | null> {
    const seq = ++this.arrived;
    const run = this.queue.then(() => (seq < this.arrived ? null : this.page(m, uri)));
    this.queue = run;
    return run;
  }

  private async page(m: Extract<ReportFromWebview, { type: 'queryCases' }>, uri: string): Promise<ReportToWebview> {
    try {
      const { page } = slimPage(await this.reader.query(m.query));
      return { type: 'cases', uri, id: m.id, query: m.query, page };
    } catch (err) {
      return { type: 'cases', uri, id: m.id, query: m.query, page: null, error: errorMessage(err) };
    }
  }

  /** The line of a case in the report file (the first case with that id), when the report is laid out one case per line. */
  lineOf(caseId: string): number | undefined {
    const { caseId: ids, line } = this.index.rows;
    const row = ids.indexOf(caseId);
    return row >= 0 && (line[row] as number) > 0 ? line[row] : undefined;
  }

  /** Compares this report with an earlier one, indexing that one. */
  async compareWith(previousFile: string): Promise<RunComparison> {
    return compareIndexes(await buildCaseIndex(previousFile), this.index);
  }
}
