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
  'fs.symlink': 'it is a symbolic link, which Steward does not follow in a workspace',
  'fs.notRegular': 'it is not a regular file',
  'fs.notRegular_fifo': 'it is a named pipe (FIFO), not a regular file',
  'fs.notRegular_socket': 'it is a socket, not a regular file',
  'fs.notRegular_device': 'it is a device, not a regular file',
  'fs.notRegular_directory': 'it is a folder, not a regular file',
  'fs.replaced': 'the file was replaced while it was being opened',
  'fs.fileTooLarge': 'the file is {{size}} bytes, more than the {{max}} Steward reads for it',
  'fs.outsideWorkspace': 'the path leads outside the workspace',

  // ---- profiles: passphrases
  'profile.passphraseNeeded': 'This profile has a passphrase: type it to use the profile.',
  'profile.passphraseWrong': 'That is not the passphrase of this profile.',
  'profile.passphraseWait_one': 'Too many wrong passphrases: wait {{count}} second before you try again.',
  'profile.passphraseWait_other': 'Too many wrong passphrases: wait {{count}} seconds before you try again.',
  'profile.passphraseTooShort': 'A passphrase needs at least {{min}} characters.',
  'profile.passphraseNotSet': 'This profile has no passphrase to change or remove.',

  // ---- the organisation
  'org.pinnedMissing_other':
    'This workspace holds another organisation than the one this app joined: it is not used. Choose the workspace folder of your organisation, or leave the organisation in Settings.',
  'org.pinnedMissing_none':
    'This workspace holds no trace of the organisation this app joined: it is not used. Choose the workspace folder of your organisation, or leave the organisation in Settings.',
  'org.deploymentMissing':
    'This installation is set up for the organisation with the code {{code}}, and this workspace does not hold it: it is not used. Ask your administrator for the right workspace folder.',
  'org.keyNotCurrent': 'This key is no longer an enrolled key of yours: ask an admin to add it again.',
  'org.notEnrolled':
    'You are not enrolled in {{org}} yet: an admin must enrol your key before you hold a role or submit reviews.',
  'org.noOrganisation': 'This workspace has no organisation yet: set one up first.',
  'org.roleEnded_reviewer': 'Your reviewer role ended on {{day}}; the decisions you made until then stand.',
  'org.roleEnded_manager': 'Your manager role ended on {{day}}.',
  'org.roleEnded_admin': 'Your admin role ended on {{day}}.',
  'org.roleStarts_reviewer': 'Your reviewer role starts on {{day}}.',
  'org.roleStarts_manager': 'Your manager role starts on {{day}}.',
  'org.roleStarts_admin': 'Your admin role starts on {{day}}.',
  'org.noRole_reviewer': 'You are not a reviewer in this organisation: an admin must grant you the role.',
  'org.noRole_manager': 'You are not a manager in this organisation: an admin must grant you the role.',
  'org.noRole_admin': 'You are not an admin of this organisation.',
  'org.backdated':
    'the entry is dated {{ts}}, before the organisation entry it says its author saw ({{seen}})',
  'org.unknownAfter': 'the entry follows an organisation entry that is not in this workspace',
  'org.malformed': 'the {{type}} entry is not well formed (at "{{field}}")',
  'org.notAdmin': '{{type}} was written by someone who was not an admin of the organisation at that point',
  'org.personExists': 'the person {{personId}} is already on the roster',
  'org.unknownTeam': '"{{team}}" is not one of the organisation\'s teams',
  'org.keyTaken': 'the key of profile {{profileId}} already belongs to {{name}}',
  'org.noSuchPerson': 'there is no current person {{personId}} on the roster',
  'org.noSuchKey': 'profile {{profileId}} is not a current key of that person',
  'org.grantExists': 'the role grant {{grantId}} exists already',
  'org.teamsOnlyForManagers': "only a manager's role names teams",
  'org.noSuchGrant': 'there is no role grant {{grantId}}',
  'org.grantEndsEarlier': 'that role already ends on {{until}}',
  'org.lastAdmin': 'this would leave the organisation without an admin',
  'org.teamStillUsed': 'the team "{{team}}" is still {{name}}\'s team',
  'org.releaseNumber': 'release {{release}} is out of sequence: the next release is {{expected}}',
  'org.notMember': 'This app has not joined the organisation of this workspace: confirm its code first.',
  'org.youAreNotAdmin': 'Only an admin of {{org}} can do that.',
  'org.noSuchProfile': 'There is no profile {{profileId}} in this workspace.',
  'org.alreadyExists':
    'This workspace already holds an organisation ({{name}}): join it instead of setting up another.',
  'org.deploymentPinned':
    'This installation is set up for one organisation by your IT department: it cannot join another.',
  'org.notInWorkspace': 'That organisation is not in this workspace.',
  'org.codeMismatch':
    "The code {{code}} is not this organisation's code. Check it with your admin: someone may have set up another organisation in this folder.",
  'org.emailTaken': "{{email}} is already {{name}}'s email on the roster.",
  'org.personHasLeft': '{{name}} has left the organisation.',
  'org.nothingToChange': 'Nothing would change.',
  'org.untilBeforeFrom': 'The end date ({{until}}) is before the start date ({{from}}).',
  'org.migrateNoProfile': 'no profile in this workspace has that email and key fingerprint',
  'deployment.badValue':
    '{{source}} does not give an organisation id or code (64 hexadecimal characters, or four groups of four letters and digits): no organisation is pinned.',
  'deployment.unreadable': 'The deployment file {{source}} cannot be read: no organisation is pinned.',

  // ---- content releases
  'release.notAFile': '{{file}} is not a regular file (a link, folder or device is never read)',
  'release.fileTooLarge': '{{file}} is larger than {{max}} bytes',
  'release.tooDeep': '{{file}} is nested more than {{max}} folders deep',
  'release.unreadable': '{{file}} cannot be read: {{why}}',
  'release.badPath':
    '{{file}}: a release file name may hold only letters, digits, dots, hyphens and underscores',
  'release.tooManyFiles': 'the folder holds more than {{max}} files',
  'release.tooLarge': 'the folder holds more than {{max}} bytes',
  'release.empty': 'the folder {{file}} holds no files',
  'release.notAFolder': '{{file}} is not a folder',
  'release.fileMissing': '{{file}} is missing',
  'release.fileChanged': '{{file}} was changed after the release was signed',
  'release.manifestMismatch': 'release {{release}}: its list of files does not match its hash',
  'release.folderMissing': 'release {{release}}: its folder {{file}} is missing from the workspace',
  'release.refused': 'Content release {{release}} does not match what its admin signed, so it is not used:',
  'release.rolledBack':
    'This app has used content release {{seen}}, and the workspace now offers only up to release {{newest}}: someone removed the newer release. Steward keeps using release {{seen}}.',
  'release.keptSeen': 'Steward keeps using its own copy of content release {{release}}.',
  'release.noneValid':
    'No content release of the organisation can be used: Steward uses the content it was installed with.',
  'release.seedInvalid':
    'The content installed with Steward has {{problems}} problem(s), so it was not published as the first release: publish a content folder from the Content & policy screen.',
  'release.invalid': 'The folder has {{problems}} problem(s): nothing was published.',
  'release.unchanged': 'These files are release {{release}} already: nothing was published.',

  // ---- roster files
  'roster.row': 'row {{row}}: {{why}}',
  'roster.tooLarge': 'the file is larger than {{max}} bytes',
  'roster.unreadable': 'the file is not readable as CSV ({{detail}})',
  'roster.empty': 'the file is empty',
  'roster.tooManyRows': 'the file has more than {{max}} rows',
  'roster.noEmailColumn':
    'no column holds email addresses (looked for email, mail, userPrincipalName, Primary email…; found {{columns}})',
  'roster.noNameColumn': 'no column holds names (name, displayName, or first and last name)',
  'roster.noTeamColumn': 'no column holds teams (team or department)',
  'roster.noEmail': 'the email is empty',
  'roster.badEmail': '"{{email}}" is not an email address',
  'roster.duplicateEmail': '{{email}} is listed already, on row {{row}}',
  'roster.noName': 'the name is empty',
  'roster.nameTooLong': 'the name is longer than 120 characters',
  'roster.noTeam': 'the team is empty',
  'roster.unknownTeam':
    '"{{team}}" is not one of the organisation\'s teams ({{teams}}); add it to the team list first, or let the import add the teams in the file (--add-teams)',
  'roster.badStatus':
    '"{{status}}" is not a status Steward knows (active, inactive, suspended, true, false…)',
  'roster.badDate': '"{{date}}" is not a date written YYYY-MM-DD',
  'roster.badRole': '"{{role}}" is not a role (reviewer, admin, manager, manager:Team|Team)',
  'roster.badFingerprint': '"{{fingerprint}}" is not a key fingerprint (32 hexadecimal characters)',
  'roster.fingerprintUnknown':
    'no profile in the workspace has the key {{fingerprint}} and the email {{email}}',
  'roster.keyTwice': 'the key {{fingerprint}} is listed already, on row {{row}}',

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
  'ledger.keyFileUnreadable': 'the public key file {{file}} cannot be read: {{why}}',
  'ledger.keyFileSwapped':
    '{{file}} holds a different public key than the profile.created entry (key swapped)',
  'ledger.incompleteTail': 'incomplete last line (an append in progress or a crash); not read',
  'ledger.fileUnreadable': 'the file cannot be read: {{why}}',
  'ledger.lineTooLong': 'the line is {{bytes}} bytes long, more than the {{max}} an entry may be',
  'ledger.tooDeep': 'the entry nests more than {{max}} levels deep',
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
  'ledger.cutBack':
    'your record file was cut back: {{missing}} (this app wrote up to entry {{seq}}; the file holds {{entries}}). Steward will not write to it until they are back, so that no second history is made: restore {{file}} from a backup, or from your latest "Export my records" bundle with "steward records restore"',
  'ledger.replaced':
    'your record file was replaced: its entry {{seq}} is not the one this app wrote ({{mine}}…; the file holds {{theirs}}…). Steward will not write to it, so that no second history is made: restore {{file}} from a backup, or from your latest "Export my records" bundle with "steward records restore"',
  'ledger.ownMissing':
    'Your record file {{file}} is missing: this app wrote {{seq}} entries to it. Steward will not start a new one: restore it from a backup, or from your latest "Export my records" bundle with "steward records restore".',

  // ---- witnessing: ledgers compared with what others saw of them (witness/compare.ts)
  'witness.missing_one': 'entry {{from}} is missing',
  'witness.missing_other': 'entries {{from}} to {{to}} are missing',
  'witness.keyFilePresent': 'its key file {{file}} is still there',
  'witness.keyFileMissing': 'its key file {{file}} is gone too',
  'witness.rollback_signed':
    "the ledger of {{owner}} was cut back: {{missing}}. {{witnesses}} saw its entry {{to}} on {{day}}, signed with the owner's key, and the file now holds {{entries}} entries",
  'witness.rollback_unconfirmed':
    'the ledger of {{owner}} may have been cut back ({{missing}}): {{witnesses}} recorded on {{day}} that it held {{to}} entries, and it now holds {{entries}}. That record carries no signature of the owner to check it against',
  'witness.fork_signed':
    "the ledger of {{owner}} was rewritten at entry {{seq}}: {{witnesses}} saw that entry on {{day}} as {{saw}}…, signed with the owner's key, and the file now holds another entry {{seq}} ({{now}}…). The owner's key signed two different histories",
  'witness.fork_unconfirmed':
    'the ledger of {{owner}} may have been rewritten at entry {{seq}}: {{witnesses}} recorded that entry on {{day}} as {{saw}}…, and the file holds {{now}}… there. That record carries no signature of the owner to check it against',
  'witness.disputed_rollback':
    'witnesses disagree about the ledger of {{owner}}: {{witnesses}} recorded on {{day}} that it held {{to}} entries, but {{other}} saw it with {{otherSeq}} entries on {{otherDay}}, and it now holds {{entries}} ({{missing}}). Either the file was cut back between those days, or the first record is false',
  'witness.disputed_fork':
    'witnesses disagree about entry {{seq}} of the ledger of {{owner}}: {{witnesses}} recorded it on {{day}} as {{saw}}…, but {{other}} saw it as it is now ({{now}}…) on {{otherDay}}. Either the owner rewrote that entry, or the first record is false',
  'witness.deleted_signed':
    "the ledger of {{owner}} is missing, and {{keyFile}}: {{witnesses}} saw it with {{seq}} entries on {{day}}, signed with the owner's key. It was deleted",
  'witness.deleted_unconfirmed':
    "the ledger of {{owner}} is missing, and {{keyFile}}: {{witnesses}} recorded on {{day}} that it held {{seq}} entries. It was deleted, or that record is false (it cannot be checked without the ledger's key)",
  'witness.deleted_roster':
    'the ledger of {{owner}}, a key enrolled for {{name}}, is missing, and {{keyFile}}. It was deleted, or has not been brought into this workspace yet',
  'witness.falseClaim_badSignature':
    'this entry says {{subject}} had {{seq}} entries, the last with hash {{hash}}…, but the owner of that ledger never signed such an entry: the record is false',
  'witness.falseClaim_misplaced':
    'this entry says {{subject}} had {{seq}} entries, the last with hash {{hash}}…, but that hash is its entry {{at}}: the record is false',
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
  'review.noAfter':
    "it does not say which event it follows, though this review's later events do: it was written beside them, not before them",
  'review.unknownAfter': 'it follows an event on this review that is not in the workspace',
  'review.wrongSubmission': 'it names another submission than the version it acts on',
  'review.overridden': 'a later decision by {{by}} settled the conflict it was part of',
  'review.afterOverridden': 'it followed an event that a later decision set aside',
  'review.inConflict': 'it followed one side of a conflict that is not settled',
  'review.duplicateStart': 'another first version of this review was submitted without seeing this one',
  'review.assessmentMismatch':
    'The recorded assessment does not match what the questionnaire computes from the recorded answers.',

  // ---- training
  'quiz.notAsked_one':
    'The answers include question {{questions}}, which this attempt did not ask. Reload the knowledge check and answer again.',
  'quiz.notAsked_other':
    'The answers include questions {{questions}}, which this attempt did not ask. Reload the knowledge check and answer again.',

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
  | 'readOnly'
  | 'reviewer'
  | 'manager'
  | 'admin'
  | 'other'
  | 'none'
  | 'fifo'
  | 'socket'
  | 'device'
  | 'directory'
  | 'signed'
  | 'unconfirmed'
  | 'roster'
  | 'rollback'
  | 'fork'
  | 'misplaced'
  | 'badSignature';
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
