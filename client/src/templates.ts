// The documents the "new OKR document" commands write: the engine's templates, which
// `okr init` writes too, so that both make the same valid, markdownlint-clean documents.
export { defaultDocumentPath, operationalDocument, slugify, strategicDocument, type OperationalTemplate, type StrategicTemplate } from '../../server/src/protocol.ts';
