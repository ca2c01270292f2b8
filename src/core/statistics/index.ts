// Public API of the statistics core: intervals, tests, suppression and the publication contract.
// Pure functions only; callers do the I/O.

export {
  DEFAULT_CONFIDENCE,
  clopperPearsonInterval,
  criticalZ,
  jeffreysInterval,
  newcombeDifference,
  proportionInterval,
  waldInterval,
  wilsonInterval,
  type ProportionDifference,
  type ProportionInterval,
  type ProportionMethod,
  type ProportionOptions,
} from './proportion.js';

export {
  adjustBenjaminiHochberg,
  adjustHolm,
  chiSquareTest,
  fisherExactTest,
  homogeneousAssociationTest,
  twoProportionZTest,
  type ChiSquareOptions,
  type ChiSquareResult,
  type ChiSquareValidity,
  type CountMatrix,
  type FisherAlternative,
  type FisherResult,
  type HomogeneousAssociationResult,
  type TwoProportionZResult,
} from './tests.js';

export {
  DEFAULT_RULES,
  SKOLINSPEKTIONEN_RULES,
  SUPPRESSION_RULES,
  auditDisclosure,
  suppressTable,
  type AuditOptions,
  type CellStatus,
  type CountTable,
  type DisclosureReason,
  type DisclosureRisk,
  type PublishedMargins,
  type PublishedTable,
  type SuppressedTable,
  type SuppressionRules,
  type SuppressionRulesName,
} from './suppression.js';

export {
  PublishInputError,
  parsePublishCsv,
  publishOutputSchema,
  publishTable,
  type GroupStatus,
  type PublishInput,
  type PublishOutput,
  type PublishRow,
  type PublishedGroup,
  type PublishedOption,
} from './publish.js';

export { betaQuantile, chiSquareSurvival, normalCdf, normalQuantile } from './special.js';
