/** A row that could not become a contact, with the reason shown to the user and its cells for the report. */
export interface RejectedRow {
  row: number;
  reason: string;
  cells: string[];
}
