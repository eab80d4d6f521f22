// The IPFS CIDv0 (`Qm…`) of a file, as Lit computes a Lit Action's id with `ipfs-only-hash`:
// UnixFS files in dag-pb nodes, 256 KiB chunks, a balanced tree of ≤ 174 links, sha2-256.
import { sha256 } from '@noble/hashes/sha2.js';
import { base58 } from '@scure/base';
import { concatBytes, utf8 } from './bytes';

const CHUNK_SIZE = 262144;
const MAX_CHILDREN = 174;

function varint(n: number): Uint8Array {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return Uint8Array.from(out);
}

/** A protobuf field: varint (wire type 0) for numbers, length-delimited (2) for bytes. */
function field(num: number, value: number | Uint8Array): Uint8Array {
  if (typeof value === 'number') return concatBytes(varint(num << 3), varint(value));
  return concatBytes(varint((num << 3) | 2), varint(value.length), value);
}

/** UnixFS `Data` of type File: data bytes (omitted when empty), filesize, blocksizes. */
function unixfsFile(
  data: Uint8Array | undefined,
  fileSize: number,
  blockSizes: number[],
): Uint8Array {
  const parts = [field(1, 2)];
  if (data && data.length) parts.push(field(2, data));
  parts.push(field(3, fileSize), ...blockSizes.map((s) => field(4, s)));
  return concatBytes(...parts);
}

interface Node {
  multihash: Uint8Array;
  /** Serialized size of this node plus every node under it (dag-pb `Tsize`). */
  totalSize: number;
  fileSize: number;
}

function dagPbNode(unixfs: Uint8Array, links: Node[]): { bytes: Uint8Array; node: Node } {
  // dag-pb writes Links (field 2) before Data (field 1); each link: Hash, Name "", Tsize.
  const linkBytes = links.map((l) =>
    field(
      2,
      concatBytes(field(1, l.multihash), field(2, new Uint8Array(0)), field(3, l.totalSize)),
    ),
  );
  const bytes = concatBytes(...linkBytes, field(1, unixfs));
  const multihash = concatBytes(Uint8Array.of(0x12, 0x20), sha256(bytes));
  const totalSize = bytes.length + links.reduce((n, l) => n + l.totalSize, 0);
  return { bytes, node: { multihash, totalSize, fileSize: 0 } };
}

function leaf(chunk: Uint8Array): Node {
  const { bytes, node } = dagPbNode(unixfsFile(chunk, chunk.length, []), []);
  return { ...node, totalSize: bytes.length, fileSize: chunk.length };
}

function parent(children: Node[]): Node {
  const fileSize = children.reduce((n, c) => n + c.fileSize, 0);
  const unixfs = unixfsFile(
    undefined,
    fileSize,
    children.map((c) => c.fileSize),
  );
  return { ...dagPbNode(unixfs, children).node, fileSize };
}

/** The CIDv0 of `content` (a string is hashed as its UTF-8 bytes), identical to `ipfs-only-hash`. */
export function ipfsCidV0(content: string | Uint8Array): string {
  const bytes = typeof content === 'string' ? utf8(content) : content;
  if (!(bytes instanceof Uint8Array)) throw new TypeError('content: expected a string or bytes');
  let level: Node[] = [];
  for (let i = 0; i < bytes.length || i === 0; i += CHUNK_SIZE) {
    level.push(leaf(bytes.subarray(i, i + CHUNK_SIZE)));
  }
  // A single chunk is its own root; otherwise parents of ≤ 174 children, level by level.
  while (level.length > 1) {
    const next: Node[] = [];
    for (let i = 0; i < level.length; i += MAX_CHILDREN)
      next.push(parent(level.slice(i, i + MAX_CHILDREN)));
    level = next;
  }
  return base58.encode(level[0]!.multihash);
}
