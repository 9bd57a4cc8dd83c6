/**
 * Pode's OpenAPI cmdlets as data (docs/openapi.md). The route cmdlets piped from
 * `Add-PodeRoute -PassThru` (`Set-PodeOARouteInfo`, `Add-PodeOAResponse`, `Set-PodeOARequest`)
 * name their route in pode-ts: src/port/features/openapi.ts passes it.
 */
import type { OptionMapping, PodeMapping } from './pode.js';

const definitionTag: Record<string, OptionMapping> = {
  DefinitionTag: { key: 'definitionTag', as: 'value' },
};

/** The options every `New-PodeOA*Property` takes. */
const property: Record<string, OptionMapping> = {
  Name: { key: 'name', as: 'string' },
  Description: { key: 'description', as: 'string' },
  Required: { key: 'required', as: 'switch' },
  Deprecated: { key: 'deprecated', as: 'switch' },
  Nullable: { key: 'nullable', as: 'switch' },
  ReadOnly: { key: 'readOnly', as: 'switch' },
  WriteOnly: { key: 'writeOnly', as: 'switch' },
  Example: { key: 'example', as: 'value' },
  Default: { key: 'default', as: 'value' },
  Enum: { key: 'enum', as: 'value' },
  Array: { key: 'array', as: 'switch' },
  MinItems: { key: 'minItems', as: 'number' },
  MaxItems: { key: 'maxItems', as: 'number' },
  UniqueItems: { key: 'uniqueItems', as: 'switch' },
  Object: { key: 'object', as: 'switch' },
  XmlName: { key: 'xmlName', as: 'string' },
  XmlNamespace: { key: 'xmlNamespace', as: 'string' },
  XmlPrefix: { key: 'xmlPrefix', as: 'string' },
  XmlAttribute: { key: 'xmlAttribute', as: 'switch' },
  XmlWrapped: { key: 'xmlWrapped', as: 'switch' },
  XmlItemName: { key: 'xmlItemName', as: 'string' },
};
const numeric: Record<string, OptionMapping> = {
  ...property,
  Format: { key: 'format', as: 'lower' },
  Minimum: { key: 'minimum', as: 'number' },
  Maximum: { key: 'maximum', as: 'number' },
  ExclusiveMinimum: { key: 'exclusiveMinimum', as: 'switch' },
  ExclusiveMaximum: { key: 'exclusiveMaximum', as: 'switch' },
  MultiplesOf: { key: 'multipleOf', as: 'number' },
};

/** A reference to a component schema, as a property (`New-PodeOAComponentSchemaProperty -Reference`). */
const schemaProperty: PodeMapping = {
  target: 'free',
  name: 'newOASchemaProperty',
  args: [{ param: 'Reference', as: 'string' }],
  options: property,
};

const viewer: PodeMapping = {
  target: 'builder',
  name: 'enableOAViewer',
  options: {
    Type: { key: 'type', as: 'lower' },
    Editor: { key: 'editor', as: 'switch' },
    Bookmarks: { key: 'bookmarks', as: 'switch' },
    Path: { key: 'path', as: 'string' },
    Title: { key: 'title', as: 'string' },
    DarkMode: { key: 'darkMode', as: 'switch' },
    OpenApiUrl: { key: 'openApiUrl', as: 'string' },
    DefinitionTag: { key: 'definitionTag', as: 'string' },
    EndpointName: { key: 'endpointName', as: 'value' },
  },
  // -NoAdvertise keeps the bookmarks' URL out of Pode's start-up banner, which pode-ts has not.
  ignored: ['NoAdvertise'],
};

/** Every OpenAPI cmdlet the converter translates, spread into `podeCmdlets`. */
export const openApiCmdlets: Record<string, PodeMapping> = {
  'Enable-PodeOpenApi': {
    target: 'builder',
    name: 'enableOpenApi',
    options: {
      Path: { key: 'path', as: 'string' },
      Title: { key: 'title', as: 'string' },
      Version: { key: 'version', as: 'string' },
      Description: { key: 'description', as: 'string' },
      OpenApiVersion: { key: 'openApiVersion', as: 'string' },
      RouteFilter: { key: 'routeFilter', as: 'string' },
      DisableMinimalDefinitions: { key: 'disableMinimalDefinitions', as: 'switch' },
      DefinitionTag: { key: 'definitionTag', as: 'string' },
      NoDefaultResponses: { key: 'noDefaultResponses', as: 'switch' },
      DefaultResponses: { key: 'defaultResponses', as: 'value' },
      EndpointName: { key: 'endpointName', as: 'value' },
    },
    // -EnableSchemaValidation turns on Test-PodeOAJsonSchemaCompliance, which always works here.
    ignored: ['EnableSchemaValidation', 'NoCompress', 'Depth', 'Mode', 'MarkupLanguage'],
  },
  'Add-PodeOAInfo': {
    target: 'builder',
    name: 'addOAInfo',
    options: {
      Title: { key: 'title', as: 'string' },
      Version: { key: 'version', as: 'string' },
      Description: { key: 'description', as: 'string' },
      TermsOfService: { key: 'termsOfService', as: 'string' },
      LicenseName: { key: 'licenseName', as: 'string' },
      LicenseUrl: { key: 'licenseUrl', as: 'string' },
      ContactName: { key: 'contactName', as: 'string' },
      ContactEmail: { key: 'contactEmail', as: 'string' },
      ContactUrl: { key: 'contactUrl', as: 'string' },
      ...definitionTag,
    },
  },
  'Add-PodeOAServerEndpoint': {
    target: 'builder',
    name: 'addOAServerEndpoint',
    options: {
      Url: { key: 'url', as: 'string' },
      Description: { key: 'description', as: 'string' },
      ...definitionTag,
    },
  },
  'Add-PodeOATag': {
    target: 'builder',
    name: 'addOATag',
    options: {
      Name: { key: 'name', as: 'string' },
      Description: { key: 'description', as: 'string' },
      ExternalDoc: { key: 'externalDocs', as: 'value' },
      ...definitionTag,
    },
  },
  'Add-PodeOAExternalDoc': {
    target: 'builder',
    name: 'addOAExternalDoc',
    options: {
      ExternalDoc: { key: 'externalDoc', as: 'value' },
      Url: { key: 'url', as: 'string' },
      Description: { key: 'description', as: 'string' },
      ...definitionTag,
    },
    pipeInput: 'ExternalDoc',
  },
  'New-PodeOAExternalDoc': {
    target: 'free',
    name: 'newOAExternalDoc',
    options: {
      Url: { key: 'url', as: 'string' },
      Description: { key: 'description', as: 'string' },
    },
    result: 'any',
  },
  'Add-PodeOAComponentParameter': {
    target: 'builder',
    name: 'addOAComponentParameter',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Parameter', as: 'value' },
    ],
    options: definitionTag,
  },
  // Add-PodeOAWebhook -PassThru | Set-PodeOARouteInfo …: src/port/features/openapi.ts
  'Add-PodeOAWebhook': {
    target: 'builder',
    name: 'addOAWebhook',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      Method: { key: 'method', as: 'methods' },
      ...definitionTag,
    },
    ignored: ['PassThru'],
  },
  'Add-PodeOAComponentSchema': {
    target: 'builder',
    name: 'addOAComponentSchema',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Component', as: 'value' },
    ],
    options: definitionTag,
    ignored: ['Description'],
  },
  'Add-PodeOAComponentResponse': {
    target: 'builder',
    name: 'addOAComponentResponse',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      Description: { key: 'description', as: 'string' },
      Content: { key: 'content', as: 'value' },
      ...definitionTag,
    },
  },
  'Add-PodeOAComponentRequestBody': {
    target: 'builder',
    name: 'addOAComponentRequestBody',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      Content: { key: 'content', as: 'value' },
      Description: { key: 'description', as: 'string' },
      Required: { key: 'required', as: 'switch' },
      ...definitionTag,
    },
  },
  // the functions become a table of wrappers: src/port/features/function-routes.ts
  'ConvertTo-PodeRoute': {
    target: 'builder',
    name: 'convertToRoute',
    options: {
      Method: { key: 'method', as: 'string' },
      Path: { key: 'path', as: 'string' },
      NoVerb: { key: 'noVerb', as: 'switch' },
      NoOpenApi: { key: 'noOpenApi', as: 'switch' },
      Authentication: { key: 'authentication', as: 'string' },
      AllowAnon: { key: 'allowAnon', as: 'switch' },
      Access: { key: 'access', as: 'value' },
      Role: { key: 'role', as: 'value' },
      Group: { key: 'group', as: 'value' },
      Scope: { key: 'scope', as: 'value' },
      User: { key: 'user', as: 'value' },
    },
  },
  'Enable-PodeOAViewer': viewer,
  // Pode's older name, an alias
  'Enable-PodeOpenApiViewer': viewer,
  // The route cmdlets, as the pipeline from Add-PodeRoute -PassThru gives them (features/openapi.ts).
  'Set-PodeOARouteInfo': {
    target: 'builder',
    name: 'setOARouteInfo',
    options: {
      Summary: { key: 'summary', as: 'string' },
      Description: { key: 'description', as: 'string' },
      OperationId: { key: 'operationId', as: 'string' },
      Tags: { key: 'tags', as: 'value' },
      Deprecated: { key: 'deprecated', as: 'switch' },
    },
    ignored: ['PassThru'],
  },
  'Add-PodeOAResponse': {
    target: 'builder',
    name: 'addOAResponse',
    args: [{ param: 'StatusCode', as: 'number', missing: "'default'" }],
    // -Default names the 'default' response, which a left-out -StatusCode stands for
    implied: ['Default'],
    options: {
      Description: { key: 'description', as: 'string' },
      Content: { key: 'content', as: 'value' },
      Reference: { key: 'reference', as: 'string' },
    },
    ignored: ['PassThru'],
  },
  'Set-PodeOARequest': {
    target: 'builder',
    name: 'setOARequest',
    options: {
      Parameters: { key: 'parameters', as: 'value' },
      RequestBody: { key: 'requestBody', as: 'value' },
    },
    ignored: ['PassThru'],
  },
  // Plain data builders.
  'New-PodeOAStringProperty': {
    target: 'free',
    name: 'newOAStringProperty',
    options: {
      ...property,
      Format: { key: 'format', as: 'lower' },
      Pattern: { key: 'pattern', as: 'string' },
      MinLength: { key: 'minLength', as: 'number' },
      MaxLength: { key: 'maxLength', as: 'number' },
    },
  },
  'New-PodeOAIntProperty': { target: 'free', name: 'newOAIntProperty', options: numeric },
  'New-PodeOANumberProperty': { target: 'free', name: 'newOANumberProperty', options: numeric },
  'New-PodeOABoolProperty': { target: 'free', name: 'newOABoolProperty', options: property },
  'New-PodeOAObjectProperty': {
    target: 'free',
    name: 'newOAObjectProperty',
    options: {
      ...property,
      Properties: { key: 'properties', as: 'value' },
      NoAdditionalProperties: { key: 'noAdditionalProperties', as: 'switch' },
      AdditionalProperties: { key: 'additionalProperties', as: 'value' },
      MinProperties: { key: 'minProperties', as: 'number' },
      MaxProperties: { key: 'maxProperties', as: 'number' },
    },
  },
  // New-PodeOASchemaProperty is Pode's alias
  'New-PodeOAComponentSchemaProperty': schemaProperty,
  'New-PodeOASchemaProperty': schemaProperty,
  'ConvertTo-PodeOAParameter': {
    target: 'free',
    name: 'convertToOAParameter',
    args: [
      { param: 'In', as: 'lower' },
      { param: 'Property', as: 'value' },
    ],
    options: {
      Description: { key: 'description', as: 'string' },
      Required: { key: 'required', as: 'switch' },
      Deprecated: { key: 'deprecated', as: 'switch' },
      Explode: { key: 'explode', as: 'switch' },
      AllowEmptyValue: { key: 'allowEmptyValue', as: 'switch' },
      Example: { key: 'example', as: 'value' },
    },
    // -Reference 'Name' → convertToOAParameter({ reference: 'Name' }): src/port/features/openapi.ts
  },
  'New-PodeOAContentMediaType': {
    target: 'free',
    name: 'newOAContentMediaType',
    options: {
      ContentType: { key: 'contentType', as: 'value' },
      Content: { key: 'content', as: 'value' },
      Array: { key: 'array', as: 'switch' },
    },
  },
  'New-PodeOARequestBody': {
    target: 'free',
    name: 'newOARequestBody',
    options: {
      Content: { key: 'content', as: 'value' },
      Description: { key: 'description', as: 'string' },
      Required: { key: 'required', as: 'switch' },
    },
  },
  'New-PodeOAExample': {
    target: 'free',
    name: 'newOAExample',
    options: {
      Name: { key: 'name', as: 'string' },
      Summary: { key: 'summary', as: 'string' },
      Description: { key: 'description', as: 'string' },
      Value: { key: 'value', as: 'value' },
      ExternalValue: { key: 'externalValue', as: 'string' },
    },
  },
  'Test-PodeOAJsonSchemaCompliance': {
    target: 'free',
    name: 'testOAJsonSchemaCompliance',
    args: [
      { param: 'Json', as: 'value' },
      { param: 'SchemaReference', as: 'string' },
    ],
    options: { DefinitionTag: { key: 'definitionTag', as: 'string' } },
    result: 'any',
  },
  'Select-PodeOADefinition': {
    target: 'builder',
    name: 'selectOADefinition',
    // one tag, or several (the block's routes belong to each)
    args: [{ param: 'Tag', as: 'value' }],
    // the block runs at once on the same builder: src/port/features/openapi.ts
    handler: { param: 'Scriptblock', kind: 'definition' },
    positional: ['Tag', 'Scriptblock'],
  },
};
