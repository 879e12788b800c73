/** A MIME bundle, as Jupyter has it: one output in several representations, keyed by MIME type. */
export type MimeBundle = Record<string, unknown>;

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
