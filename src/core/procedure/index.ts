/** The procedure engine's public API: protocols, actions, the pure engine and reports. */
export { loadProtocol, formatProtocolError, type LoadResult, type ProtocolError } from './loader.ts';
export {
  ProtocolSchema,
  SEVERITIES,
  MODES,
  type Protocol,
  type Step,
  type ErrorRule,
  type Condition,
  type Mode,
  type ModeSpec,
  type Severity,
  type StepStatus,
  type Variant,
} from './schema.ts';
export { protocolJsonSchema } from './json-schema.ts';
export {
  ACTION_TYPES,
  ACTION_FIELDS,
  parseActionLog,
  checkAction,
  type Action,
  type ActionType,
  type ActionLog,
  type ActionLogError,
} from '../vocabulary/actions.ts';
export { unknownNames } from './action-names.ts';
export {
  startAttempt,
  applyAction,
  runAttempt,
  type EngineState,
  type Finding,
  type Transition,
  type EngineOptions,
  type ErrorRecord,
  type StepRecord,
  type FinishReason,
} from './engine.ts';
export { chooseVariant, variantParams, type VariantChoice } from './variants.ts';
export { PREDICATES, PREDICATE_NAMES } from './predicates.ts';
export { stepTitle } from './step-title.ts';
export { describeSpecifics, type ErrorSpecifics, learnersErrorMessage, type Measurement } from './specifics.ts';
export { protocolText, missingTranslations, type ProtocolText } from './protocol-text.ts';
