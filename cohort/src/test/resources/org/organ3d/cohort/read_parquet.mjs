// Reads Parquet files with hyparquet (an independent reader: JavaScript, no Parquet-MR, no Spark) and
// prints one JSON document: for each file its schema elements, key-value metadata and rows.
// Usage: node read_parquet.mjs <hyparquet package folder> <file.parquet>...
import { pathToFileURL } from 'node:url'

const [pkg, ...files] = process.argv.slice(2)
const hp = await import(pathToFileURL(pkg + '/src/node.js').href)
const out = []
for (const file of files) {
  const buffer = await hp.asyncBufferFromFile(file)
  const metadata = await hp.parquetMetadataAsync(buffer)
  const rows = await hp.parquetReadObjects({ file: buffer, metadata })
  const kv = {}
  for (const e of metadata.key_value_metadata ?? []) kv[e.key] = e.value
  const schema = metadata.schema.slice(1).map(s => ({
    name: s.name, type: s.type ?? null, repetition: s.repetition_type ?? null,
    converted: s.converted_type ?? null, logical: s.logical_type?.type ?? null,
  }))
  const codecs = [...new Set(metadata.row_groups.flatMap(g => g.columns.map(c => c.meta_data.codec)))]
  out.push({ file, rowCount: Number(metadata.num_rows), codecs, schema, kv, rows })
}
// INT64 values come back as BigInt: as numbers when exact, else as strings
process.stdout.write(JSON.stringify(out, (k, v) => typeof v === 'bigint'
  ? (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()) : v))
