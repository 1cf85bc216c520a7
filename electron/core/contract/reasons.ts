// Reasons are data; words are the UI's. Core says why something is refused, blocked or broken as
// a code with parameters ({ code, params }); the renderer words it in the reader's language
// (i18n namespace "reasons": English here, French in renderer/i18n/locales/fr/reasons.json) and
// the CLI, logs and English documents use formatReason below. Templates use i18next's syntax:
// {{param}} interpolation, `_one`/`_other` plural forms chosen by params.count, and `_<context>`
// variants chosen by params.context. Zod-free and import-free, so every layer and the renderer
// may use it.

/** Parameters: text, numbers, or a reason of its own (worded first, then put in its place). */
export type ReasonParams = { [name: string]: string | number | Reason };

export interface Reason {
  code: ReasonCode;
  params: ReasonParams;
}

/** The English text of every reason, by code (plural and context forms as i18next keys). */
export const REASON_TEXT = {
  // ---- files
  'fs.permission': 'permission denied',
  'fs.notAFolder': 'not a folder',
  'fs.readOnly': 'read-only file system',
  'fs.diskFull': 'the disk is full',
  'fs.quota': 'the disk quota is used up',
  'fs.tooLarge': 'the file is larger than this system allows',
  'fs.missing': 'the folder does not exist',
  'fs.pathTooLong': 'the path is too long',
  'fs.io': 'input/output error (the disk or network drive failed)',
  'fs.busy': 'the folder is in use',
  'fs.other': '{{detail}}',

  // ---- ledgers: what a read or verification found
  'ledger.lineEmpty': 'the line is empty',
  'ledger.suffixMalformed': 'the hash and signature fields are missing or malformed',
  'ledger.hashMismatch': 'the entry does not match its hash (its content was changed)',
  'ledger.notJson': 'the entry is not valid JSON',
  'ledger.notJsonObject': 'the entry is not a JSON object',
  'ledger.dataNotJson': 'the "data" field is not valid JSON',
  'ledger.fieldMissing': 'the "{{field}}" field is missing',
  'ledger.unexpectedFields': 'unexpected field(s) {{fields}}',
  'ledger.seqNotPositive': '"seq" is not a positive whole number',
  'ledger.tsNotText': '"ts" is not text',
  'ledger.actorNotText': '"actor" is not text',
  'ledger.prevNotHash': '"prev" is not a sha256 hash',
  'ledger.unknownType': 'unknown event type "{{type}}"',
  'ledger.genesisNotFirst': 'the first entry is "{{type}}", not "profile.created"',
  'ledger.genesisInvalid': 'the profile.created entry is invalid: {{field}}',
  'ledger.genesisBadKey': 'the profile.created entry does not hold a valid Ed25519 public key',
  'ledger.genesisKeyOfOther':
    'the public key in profile.created belongs to profile {{owner}}, not {{profileId}} (key swapped)',
  'ledger.genesisFingerprint': 'the fingerprint in profile.created does not match its public key',
  'ledger.seqRepeated': 'found seq {{found}} where seq {{expected}} should be (a repeated or reordered line)',
  'ledger.seqMissing_one':
    'found seq {{found}} where seq {{expected}} should be (entry missing or reordered)',
  'ledger.seqMissing_other':
    'found seq {{found}} where seq {{expected}} should be (entries missing or reordered)',
  'ledger.firstNotChained': 'the first entry does not start the chain (prev is not all zeros)',
  'ledger.brokenLink':
    'does not link to entry {{previous}} (its prev hash differs: an entry was changed, removed or reordered)',
  'ledger.actorNotOwner': 'the actor is {{actor}}, not {{owner}}, who owns this ledger',
  'ledger.genesisRepeated': 'profile.created may only be the first entry',
  'ledger.notUtf8': 'the line is not valid UTF-8',
  'ledger.notCanonical': 'the entry is not in canonical form (it was re-written)',
  'ledger.badTimestamp': 'the timestamp "{{ts}}" is not a date',
  'ledger.badData': 'invalid data for "{{type}}" (at "{{field}}")',
  'ledger.noEntries': 'the ledger has no complete entry (the profile.created entry is missing)',
  'ledger.badSignature': 'the signature is not valid (forged, or made with a key other than the profile key)',
  'ledger.keyFileMissing': 'the public key file {{file}} is missing',
  'ledger.keyFileSwapped':
    '{{file}} holds a different public key than the profile.created entry (key swapped)',
  'ledger.incompleteTail': 'incomplete last line (an append in progress or a crash); not read',
  'ledger.fileUnreadable': 'the file cannot be read: {{why}}',
  'ledger.ledgersUnreadable': 'the ledgers folder cannot be read: {{why}}',
  'ledger.workspaceUnreadable': 'the workspace cannot be read: {{why}}',
  'ledger.writeFailed': 'writing entry {{seq}} failed ({{why}}) and the partial entry could not be removed',
  'ledger.readOnly':
    '{{file}} can only be read, not written: {{why}}. Nothing was written; the file has been left as it is.',
  'ledger.saveFailed_clean':
    'Steward could not save entry {{seq}} to {{file}}: {{why}}. Nothing was recorded.',
  'ledger.saveFailed_readOnly':
    'Steward could not save entry {{seq}} to {{file}}: {{why}}. The ledger is now read-only.',
  'ledger.keyNotOwners':
    'The private key on this computer does not belong to profile {{profileId}}: it cannot sign its ledger.',
  'ledger.openFailed': 'Steward could not open {{file}}: {{why}}.',
  'ledger.lockedElsewhere':
    '{{file}} is in use by Steward on {{host}}. Close Steward there and try again; if it is no longer running there, delete {{lock}}.',
  'ledger.lockedHere': '{{file}} is in use by another Steward window or process. Close it and try again.',
  'ledger.lockContended':
    '{{file}} could not be locked: another process keeps taking the lock. Try again in a moment.',
  'workspace.notWritable': 'Steward cannot write to {{dir}}: {{why}}.',
  'notice.settingsMovedAside':
    'Your settings file could not be read. It was moved aside to {{to}} and default settings are in use.',
  'ledger.laterLinesNotRead_one': '{{count}} later line not read',
  'ledger.laterLinesNotRead_other': '{{count}} later lines not read',

  // ---- reviews: the workflow's refusals
  'review.notFound': 'There is no review "{{reviewId}}".',
  'review.answersNeedAttention_one': 'The questionnaire is not complete: {{count}} answer needs attention.',
  'review.answersNeedAttention_other': 'The questionnaire is not complete: {{count}} answers need attention.',
  'review.mitigationResponseInvalid':
    'The response to the proposed mitigation "{{mitigationId}}" is not complete or not valid.',
  'review.mitigationsUnanswered_one':
    'Accept each proposed mitigation (with an owner and a due date) or decline it (with a reason): {{count}} has no response yet.',
  'review.mitigationsUnanswered_other':
    'Accept each proposed mitigation (with an owner and a due date) or decline it (with a reason): {{count}} have no response yet.',
  'review.submitterTrainingMissing': 'Before you submit a review, complete this training: {{modules}}.',
  'review.firstVersionIsOne':
    'Review "{{reviewId}}" does not exist yet: its first version is 1, not {{version}}.',
  'review.onlySubmitterSubmits': 'Only the person who submitted "{{title}}" can submit a new version of it.',
  'review.withdrawnIsFinal':
    '"{{title}}" was withdrawn; nothing more can be done on it. Start a new review instead.',
  'review.decidedCannotResubmit_approved':
    '"{{title}}" has been approved and cannot be resubmitted; start a new review to change the use.',
  'review.decidedCannotResubmit_approvedWithConditions':
    '"{{title}}" has been approved with conditions and cannot be resubmitted; start a new review to change the use.',
  'review.decidedCannotResubmit_rejected':
    '"{{title}}" has been rejected and cannot be resubmitted; start a new review to change the use.',
  'review.noChangesRequested':
    'No changes were requested on version {{version}} of "{{title}}": a new version can be submitted only after a reviewer asks for changes.',
  'review.nextVersionIs': 'The next version of "{{title}}" is {{next}}, not {{version}}.',
  'review.versionChangesNothing':
    'Version {{version}} changes nothing: its answers and mitigation responses are those of version {{previous}}.',
  'review.ownSubmission': 'You submitted "{{title}}", so someone else must review it (separation of duties).',
  'review.notReviewer':
    'You are not a reviewer: the policy must name your email together with your key fingerprint (shown in Settings).',
  'review.reviewerRoleEnded': 'Your reviewer role ended on {{day}}; the decisions you made until then stand.',
  'review.reviewerRoleStarts': 'Your reviewer role starts on {{day}}.',
  'review.reviewerTrainingMissing': 'Your reviewer training is not current: {{modules}}.',
  'review.alreadyDecided_approved':
    '"{{title}}" was already approved on version {{version}}; a review is decided once.',
  'review.alreadyDecided_approvedWithConditions':
    '"{{title}}" was already approved with conditions on version {{version}}; a review is decided once.',
  'review.alreadyDecided_rejected':
    '"{{title}}" was already rejected on version {{version}}; a review is decided once.',
  'review.awaitingNewVersion':
    'Changes were requested on version {{version}} of "{{title}}"; wait for the submitter\'s version {{next}}.',
  'review.notCurrentVersion':
    'Version {{version}} is not the current version of "{{title}}" (now {{current}}); look at the current one.',
  'review.changesNeedRationale': 'Requesting changes needs a rationale.',
  'review.changesNeedList': 'Say what must change: at least one requested change, and none empty.',
  'review.decisionNeedsRationale': 'A decision needs a written rationale.',
  'review.rejectionHasNoConditions': 'A rejection carries no conditions.',
  'review.rejectionHasNoReReview': 'A rejection carries no re-review date.',
  'review.blockingFlagsOpen_one':
    '"{{title}}" cannot be approved while {{count}} blocking flag is open: {{flags}}. Request changes or reject.',
  'review.blockingFlagsOpen_other':
    '"{{title}}" cannot be approved while {{count}} blocking flags are open: {{flags}}. Request changes or reject.',
  'review.approvalListsConditions':
    'An approval without conditions cannot list conditions; approve with conditions instead.',
  'review.conditionsNeeded': 'Approving with conditions needs at least one condition.',
  'review.conditionIncomplete': 'Condition {{number}} needs a text and an owner.',
  'review.conditionDueBeforeDecision': 'Condition {{number}} is due {{due}}, before the decision date.',
  'review.conditionIdRepeated': 'Condition id "{{id}}" is used twice.',
  'review.reReviewDateNeeded': 'An approval needs a re-review date.',
  'review.reReviewDateTooEarly': 'The re-review date ({{date}}) must be after the decision date ({{day}}).',
  'review.dpoAdviceAnswerNeeded':
    "The DPO's advice is on record for this review: say whether the decision follows it.",
  'review.dpoAdviceReasonNeeded':
    "The decision departs from the DPO's advice: record the reason for not following it.",
  'review.commentNeedsText': 'A comment needs some text.',
  'review.commentNotAllowed': 'Only the submitter, reviewers and managers can comment on "{{title}}".',
  'review.noSuchVersion': '"{{title}}" has no version {{version}} yet.',
  'review.onlySubmitterWithdraws': 'Only the person who submitted "{{title}}" can withdraw it.',
  'review.decidedCannotWithdraw_approved':
    '"{{title}}" has been approved; a decided review cannot be withdrawn.',
  'review.decidedCannotWithdraw_approvedWithConditions':
    '"{{title}}" has been approved with conditions; a decided review cannot be withdrawn.',
  'review.decidedCannotWithdraw_rejected':
    '"{{title}}" has been rejected; a decided review cannot be withdrawn.',
  'review.withdrawNeedsReason': 'Withdrawing a review needs a reason.',
  'review.noConditionsToMeet':
    '"{{title}}" was not approved with conditions: there is no condition to mark met.',
  'review.conditionsBelongToVersion':
    'The conditions of "{{title}}" belong to version {{version}}, not {{given}}.',
  'review.noSuchCondition': '"{{title}}" has no condition "{{conditionId}}".',
  'review.allConditionsMet': 'Every condition of "{{title}}" has been marked met.',
  'review.conditionAlreadyMet': 'The condition "{{text}}" was already marked met on {{day}}.',
  'review.conditionMetNotAllowed':
    'Only the submitter of "{{title}}" or a reviewer can mark its conditions met.',
  'review.conditionMetNeedsNote': 'Say what was done to meet the condition.',
  'review.nothingToDecide_changesRequested':
    'Changes were requested on this review: there is nothing to decide until the submitter sends a new version.',
  'review.nothingToDecide_approved': 'This review has been approved: there is nothing to decide.',
  'review.nothingToDecide_approvedWithConditions':
    'This review has been approved with conditions: there is nothing to decide.',
  'review.nothingToDecide_rejected': 'This review has been rejected: there is nothing to decide.',
  'review.nothingToDecide_withdrawn': 'This review was withdrawn: there is nothing to decide.',
  'review.onlySubmitterRevises': 'Only the person who submitted a review can revise it.',
  'review.revisionNeedsChangesRequested':
    'A new version of this review can only follow a request for changes.',
  'review.dpiaOpen':
    'A DPIA is needed for "{{title}}" and has not been carried out: it can be approved once the DPIA is part of the review, or once an exemption is recorded.',
  'review.noDpiaToExempt': 'No DPIA is needed for "{{title}}" on this version: there is nothing to exempt.',
  'review.dpiaAlreadyDone':
    'The DPIA for "{{title}}" is already carried out in the review: there is nothing to exempt.',
  'review.exemptionAlreadyRecorded':
    'An exemption is already recorded for version {{version}} of "{{title}}".',
  'review.exemptionNotOpen':
    'The law requires a DPIA here, so "not likely to result in a high risk" cannot exempt it: name an exemption the law provides, or ask for the DPIA.',
  'review.exemptionNeedsReason': 'An exemption needs its reason and its reference.',
  'review.exemptionNeedsDpoView': "An exemption needs the DPO's view (or why there is none).",
  'review.malformedEvent': 'The entry\'s data does not have the shape of a {{type}} event (at "{{field}}").',
  'review.assessmentMismatch':
    'The recorded assessment does not match what the questionnaire computes from the recorded answers.',

  'records.legacyNote': '{{text}}',
  'import.noEntries': '{{where}} holds no entries',
  'import.ownLedger': 'this is your own ledger; the one this computer writes is kept',
  'import.indexNotUpdated':
    'The ledgers were imported, but the imports index could not be updated ({{why}}): the dashboard may not mark these people as imported.',

  // ---- reviews: answers to the questionnaire
  'answer.required': 'This question needs an answer.',
  'answer.notText': 'The answer must be text.',
  'answer.tooLong': 'The answer is too long: at most {{max}} characters.',
  'answer.notAnOption': 'Choose one of the options offered.',
  'answer.notOptions': 'Choose among the options offered.',
  'answer.exclusiveWithOthers': '"{{option}}" cannot be combined with other choices.',
  'answer.notYesNoUnsure': 'Answer yes, no or unsure.',
  'answer.notOnScale': 'Choose a point on the scale from {{min}} to {{max}}.',
  'answer.notANumber': 'Enter a number.',
  'answer.notWhole': 'Enter a whole number.',
  'answer.belowMin': 'The number must be at least {{min}}.',
  'answer.aboveMax': 'The number must be at most {{max}}.',
  'answer.notADate': 'Enter a date written YYYY-MM-DD.',
  'response.notProposed': 'This mitigation is not proposed for these answers.',
  'response.answeredTwice': 'This mitigation was answered more than once.',
  'response.ownerNeeded': 'An accepted mitigation needs an owner.',
  'response.dueDateNeeded': 'An accepted mitigation needs a due date written YYYY-MM-DD.',
  'response.reasonNeeded': 'Say why this mitigation is not needed.',
} as const;

type Keys = keyof typeof REASON_TEXT;
type Suffix =
  | 'one'
  | 'other'
  | 'approved'
  | 'approvedWithConditions'
  | 'rejected'
  | 'changesRequested'
  | 'withdrawn'
  | 'clean'
  | 'readOnly';
type Base<K> = K extends `${infer B}_${Suffix}` ? B : K;
export type ReasonCode = Base<Keys>;

/** A reason with its parameters. */
export function reason(code: ReasonCode, params: ReasonParams = {}): Reason {
  return { code, params };
}

/** The template for a reason: with its context, then its plural form, as i18next picks them. */
function templateOf(r: Reason, table: Readonly<Record<string, string>>): string | undefined {
  const { context, count } = r.params;
  const base = typeof context === 'string' && context !== '' ? `${r.code}_${context}` : r.code;
  const plural = typeof count === 'number' ? `${base}_${count === 1 ? 'one' : 'other'}` : null;
  return (plural !== null ? table[plural] : undefined) ?? table[base] ?? table[r.code];
}

/** A reason in English, for the CLI, logs, error messages and English documents. */
export function formatReason(r: Reason): string {
  const template = templateOf(r, REASON_TEXT as Readonly<Record<string, string>>);
  if (template === undefined) return r.code;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = r.params[name];
    if (value === undefined) return `{{${name}}}`;
    return typeof value === 'object' ? formatReason(value) : String(value);
  });
}

/** Every code the catalogue knows (for tests that check each is worded in every language). */
export const REASON_KEYS = Object.keys(REASON_TEXT) as Keys[];
