/**
 * The generated form: every control comes from the schema at its path (formModel.controlFor);
 * nothing here knows a dialect's keys. Each node is memoized on its path (interned), its value
 * (structurally shared by the store) and a signature of its schema, so a keystroke re-renders
 * only the fields whose values changed.
 */
import { memo, useId, useState, type ReactNode } from 'react';
import type { JsonSchema } from '../core/contracts/schema';
import { VARIANTS_KEYWORD } from '../core/contracts/schema';
import type { Path } from '../core/contracts/path';
import { useDocument, useDocumentStore } from '../store/react';
import { useFormEnv } from './FormContext';
import { isMapping } from '../core/guards';
import {
  addLabel,
  childOf,
  childPath,
  controlFor,
  hints,
  isPrefix,
  itemTitle,
  newItem,
  objectLayout,
  PAGE,
  currentVariant,
  replaceIntent,
  switchVariant,
  titleOf,
  variantsOf,
  visibleIndexes,
  wrapperKey,
  type Variant,
} from './formModel';
import { AddEntry, entrySchema, Group, ItemActions } from './groupParts';
import { BooleanField, EnumField, KeptAsIs, ScalarField, description, useEdit, useRemoveKey, type NodeProps } from './scalarFields';

const signatures = new WeakMap<object, string>();

/** What about a schema changes the control: types, choices, hints, known keys. */
export function schemaSignature(schema: JsonSchema | undefined): string {
  if (!schema) return '';
  let sig = signatures.get(schema);
  if (sig === undefined) {
    const variants = (schema[VARIANTS_KEYWORD] as unknown[] | undefined)?.length;
    sig = JSON.stringify([schema.type, schema.enum, schema['x-form'], Object.keys((schema.properties as object) ?? {}), schema.required, variants]);
    signatures.set(schema, sig);
  }
  return sig;
}

export const Node = memo(
  function Node(props: NodeProps) {
    const { root } = useFormEnv();
    const variants = props.present ? variantsOf(root, props.schema) : undefined;
    if (variants && controlFor(props.schema, props.value).kind !== 'object') {
      return (
        <div className="variant">
          <VariantSwitch {...props} variants={variants} />
          <Shape {...props} />
        </div>
      );
    }
    // A group shows its kind switch first, inside it.
    return <Shape {...props} variants={variants} />;
  },
  (a, b) => a.path === b.path && a.value === b.value && a.sig === b.sig && a.label === b.label && a.present === b.present && a.required === b.required,
);

/**
 * A place that may take several titled shapes: a select to switch between them, keeping what
 * the new shape can use (formModel.switchVariant); one undo step.
 */
function VariantSwitch({ path, value, label, variants }: NodeProps & { variants: Variant[] }) {
  const { root } = useFormEnv();
  const store = useDocumentStore();
  const id = useId();
  const current = currentVariant(root, variants, value);
  const onChange = async (index: number) => {
    const next = switchVariant(root, value, variants[index]);
    try {
      await store.getState().applyIntent(replaceIntent(path, value, next), 'form');
    } catch (e) {
      store.getState().setNotice(`The form could not make that change: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="field variant-switch">
      <label htmlFor={id} className="field-label">
        Kind of {label}
      </label>
      <select id={id} className="field-input" value={current < 0 ? '' : String(current)} onChange={(e) => void onChange(Number(e.currentTarget.value))}>
        {current < 0 && <option value="">(does not fit any kind)</option>}
        {variants.map((v, i) => (
          <option key={i} value={String(i)}>
            {v.title}
          </option>
        ))}
      </select>
    </div>
  );
}

function Shape({ variants, ...props }: NodeProps & { variants?: Variant[] }) {
  const control = controlFor(props.schema, props.value);
  switch (control.kind) {
    case 'object':
      return <ObjectGroup {...props} title={props.label} kindSwitch={variants && <VariantSwitch {...props} variants={variants} />} />;
    case 'array':
      return <ArrayField {...props} />;
    case 'enum':
      return <EnumField {...props} options={control.options} />;
    case 'boolean':
      return <BooleanField {...props} />;
    case 'textOrList':
      return <TextOrListField {...props} />;
    default:
      return <ScalarField {...props} as={control.as} />;
  }
}

function TextOrListField(props: NodeProps) {
  const { path, schema, value, label, required } = props;
  const edit = useEdit();
  const name = useId();
  const asList = Array.isArray(value);
  const help = description(schema);
  const switchTo = (list: boolean) => {
    if (list === asList) return;
    // Switching keeps every line: one text becomes one item per line, a list becomes lines of one text.
    const next = list ? String(value ?? '').split('\n').filter((l) => l.trim() !== '') : (value as unknown[]).map(String).join('\n');
    edit({ kind: 'set', path, value: list && (next as string[]).length === 0 ? [''] : next });
  };
  return (
    <fieldset className="field text-or-list">
      <legend className="field-label">
        {label}
        {required && <span aria-hidden="true" className="required-mark"> *</span>}
      </legend>
      <div className="switch" role="radiogroup" aria-label={`${label} shape`}>
        <label>
          <input type="radio" name={name} checked={!asList} onChange={() => switchTo(false)} /> One text
        </label>
        <label>
          <input type="radio" name={name} checked={asList} onChange={() => switchTo(true)} /> List
        </label>
      </div>
      {asList ? (
        <ArrayField {...props} label={label} bare />
      ) : (
        <ScalarField {...props} as="string" />
      )}
      {asList && help && <p className="field-help">{help}</p>}
    </fieldset>
  );
}

function ObjectFields({ path, schema, value }: { path: Path; schema: JsonSchema | undefined; value: unknown }) {
  const { root } = useFormEnv();
  const obj = isMapping(value) ? value : undefined;
  const layout = objectLayout(schema, obj);
  const required = (schema?.required as string[] | undefined) ?? [];
  const child = (key: string) => {
    const v = obj?.[key];
    const s = childOf(root, schema, key, v);
    return (
      <Node key={key} path={childPath(path, key)} schema={s} sig={schemaSignature(s)} value={v} label={key} present={obj !== undefined && key in obj} required={required.includes(key)} />
    );
  };
  return (
    <>
      {layout.shown.map(child)}
      {layout.unknown.map((k) => (
        <KeptAsIs key={k} path={childPath(path, k)} name={k} value={obj?.[k]} />
      ))}
      {layout.more.length > 0 && (
        <details className="more">
          <summary>More</summary>
          {layout.more.map(child)}
        </details>
      )}
      {entrySchema(schema) && <AddEntry path={path} schema={schema!} taken={Object.keys(obj ?? {})} />}
    </>
  );
}

function ObjectGroup({ path, schema, value, title, present, required, kindSwitch }: NodeProps & { title: string; kindSwitch?: ReactNode }) {
  const remove = useRemoveKey(path, present, required);
  const actions =
    remove && path.length > 0 && typeof path[path.length - 1] === 'string' ? (
      <button type="button" className="small-button danger" aria-label={`Remove ${title}`} onClick={remove}>
        Remove
      </button>
    ) : undefined;
  return (
    <Group path={path} title={title} defaultOpen actions={actions}>
      {kindSwitch}
      <ObjectFields path={path} schema={schema} value={value} />
    </Group>
  );
}

function ArrayField({ path, schema, value, label, bare }: NodeProps & { bare?: boolean }) {
  const { root } = useFormEnv();
  const edit = useEdit();
  const items = Array.isArray(value) ? value : [];
  const [limit, setLimit] = useState(PAGE);
  // The page holding the editor's cursor is shown too, without rendering everything before it.
  const cursorIndex = useDocument((s) => (isPrefix(path, s.cursorPath) && s.cursorPath!.length > path.length ? s.cursorPath![path.length] : -1));
  const cursorPage = typeof cursorIndex === 'number' && cursorIndex >= limit ? Math.floor(cursorIndex / PAGE) * PAGE : -1;
  const shown = visibleIndexes(items.length, limit, cursorPage);
  const itemRaw = childOf(root, schema, 0, undefined);
  const kind = titleOf(itemRaw, 'item');
  // Items that wrap one named object (valohai's `- step: {...}`) are added per kind: "Add step", "Add pipeline"...
  const kinds = Object.entries((itemRaw?.properties as Record<string, JsonSchema> | undefined) ?? {}).filter(([, s]) => hints(s).add !== false);
  const wrapperItems = path.length === 0 && kinds.length > 0;
  const addButtons = wrapperItems
    ? kinds.map(([key]) => {
        const s = childOf(root, itemRaw, key, undefined);
        return { label: addLabel(titleOf(s, key)), value: () => ({ [key]: newItem(s, items.map((i) => (isMapping(i) ? i[key] : undefined))) }) };
      })
    : [{ label: addLabel(kind), value: () => newItem(itemRaw, items) }];
  const list = (
    <>
      <ol className="items">
        {shown.map((i) =>
          i < 0 ? (
            <li key={`gap${i}`} className="items-gap">
              …
            </li>
          ) : (
            <li key={i} value={i + 1}>
              <Item path={path} index={i} count={items.length} item={items[i]} schema={schema} sig={schemaSignature(schema)} kind={kind} label={label} many={items.length > 12} />
            </li>
          ),
        )}
      </ol>
      {items.length > limit && (
        <button type="button" className="small-button" onClick={() => setLimit(limit + PAGE)}>
          Show {Math.min(PAGE, items.length - limit)} more ({items.length - limit} not shown)
        </button>
      )}
      <div className="add-buttons">
        {addButtons.map((b) => (
          <button key={b.label} type="button" className="small-button" onClick={() => edit({ kind: 'insert', path, value: b.value() })}>
            {b.label}
          </button>
        ))}
      </div>
    </>
  );
  if (bare || path.length === 0) return list;
  return (
    <Group path={path} title={`${label} (${items.length})`} defaultOpen>
      {list}
    </Group>
  );
}

interface ItemProps {
  path: Path;
  index: number;
  count: number;
  item: unknown;
  schema: JsonSchema | undefined;
  sig: string;
  kind: string;
  label: string;
  many: boolean;
}

const Item = memo(
  function Item(props: ItemProps) {
    return <ItemBody {...props} />;
  },
  (a, b) =>
    a.path === b.path && a.index === b.index && a.count === b.count && a.item === b.item && a.sig === b.sig && a.kind === b.kind && a.label === b.label && a.many === b.many,
);

function ItemBody({ path, index, count, item, schema, kind, label, many }: ItemProps) {
  const { root } = useFormEnv();
  const itemPath = childPath(path, index);
  const itemSchema = childOf(root, schema, index, item);
  const actions = <ItemActions path={path} index={index} count={count} kind={kind.toLowerCase()} />;
  const wrapped = wrapperKey(itemSchema, item);
  if (wrapped !== undefined) {
    const inner = (item as Record<string, unknown>)[wrapped];
    const innerSchema = childOf(root, itemSchema, wrapped, inner);
    const innerPath = childPath(itemPath, wrapped);
    return (
      <Group path={innerPath} title={itemTitle(titleOf(innerSchema, wrapped), inner, index)} defaultOpen={!many} actions={actions}>
        <ObjectFields path={innerPath} schema={innerSchema} value={inner} />
      </Group>
    );
  }
  if (isMapping(item) || controlFor(itemSchema, item).kind === 'object') {
    return (
      <Group path={itemPath} title={itemTitle(kind, item, index)} defaultOpen={false} actions={actions}>
        <ObjectFields path={itemPath} schema={itemSchema} value={item} />
      </Group>
    );
  }
  return (
    <div className="scalar-item">
      <Node path={itemPath} schema={itemSchema} sig={schemaSignature(itemSchema)} value={item} label={`${label} ${index + 1}`} present required />
      {actions}
    </div>
  );
}
