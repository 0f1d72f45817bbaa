'use client';
/**
 * A storage node as people should see it wherever stake or a vote is chosen:
 * its name (already made safe to print by the API, and again here), its node
 * ID beside it (short, full on hover and copy), and a warning badge when the
 * name duplicates or looks like another node's, or hid characters.
 */
import { shortId } from '@tusk/shared/format';
import { describeNameWarning, displayNodeName, type NameWarning } from '@tusk/shared/nodeNames';
import { Badge } from './Badge.tsx';
import { CopyableId, NodeLink } from './Ids.tsx';

const WARNING_LABELS: Record<NameWarning, string> = {
  duplicate: 'Duplicate name',
  lookalike: 'Look-alike name',
  'hidden-characters': 'Hidden characters',
};

export interface NodeNameProps {
  nodeId: string;
  name: string | null;
  nameWarning?: NameWarning | null;
  similarNodeIds?: readonly string[];
  /** Link the name to the node's page (default true). */
  link?: boolean;
}

export function NodeName({ nodeId, name, nameWarning, similarNodeIds = [], link = true }: NodeNameProps) {
  const shown = name === null ? null : displayNodeName(name);
  return (
    <span className="node-name" data-node-id={nodeId}>
      {link ? <NodeLink nodeId={nodeId} name={shown} /> : <span>{shown ?? 'unknown node'}</span>}{' '}
      <CopyableId id={nodeId} label="node ID" />
      {nameWarning ? (
        <>
          {' '}
          <NameWarningBadge warning={nameWarning} similarNodeIds={similarNodeIds} />
        </>
      ) : null}
    </span>
  );
}

export function NameWarningBadge({
  warning,
  similarNodeIds = [],
}: {
  warning: NameWarning;
  similarNodeIds?: readonly string[];
}) {
  const sentence = describeNameWarning({ warning, similarNodeIds });
  return (
    <span data-testid="name-warning" role="note" aria-label={sentence}>
      <Badge tone="warn" title={sentence}>
        ⚠ {WARNING_LABELS[warning]}
      </Badge>
    </span>
  );
}

/** One line of text for a `<select>` option (which holds no markup): name, short ID, warning. */
export function nodeOptionLabel(node: { nodeId: string; name: string; nameWarning?: NameWarning | null }): string {
  const warning = node.nameWarning ? ` ⚠ ${WARNING_LABELS[node.nameWarning].toLowerCase()}` : '';
  return `${displayNodeName(node.name)} (${shortId(node.nodeId)})${warning}`;
}
