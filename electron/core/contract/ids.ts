// The shapes of the ids the app makes and checks, as plain patterns (no zod, so the renderer may
// import them too). Every schema and check of an id is built from these, once.

/** A profile: "p" and 20 hex digits (the first 80 bits of the SHA-256 of its public key). */
export const PROFILE_ID_PATTERN = /^p[0-9a-f]{20}$/;
/** A training module: 2-64 lower-case letters and digits in words joined by single hyphens. */
export const MODULE_ID_PATTERN = /^(?=.{2,64}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A knowledge-check question or option id. */
export const ANSWER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** A review, as the app makes them (r-YYYYMMDD-xxxxxx); older ones may be any short printable id. */
export const REVIEW_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** A review draft kept on this computer. */
export const DRAFT_ID_PATTERN = /^d[0-9a-f]{16}$/;
/** A review questionnaire's question or mitigation id. */
export const QUESTION_ID_PATTERN = /^[a-z][A-Za-z0-9]{0,63}$/;
/** A condition of an approval. */
export const CONDITION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** A background job (export, verification). */
export const JOB_ID_PATTERN = /^j[0-9a-f]{12}$/;
/** A SHA-256 digest in lower-case hex. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
