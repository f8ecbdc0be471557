package org.organ3d.cohort;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes one small Parquet file (one study's rows) from {@link Column}s and rows of values, with the
 * units in the file's key-value metadata twice: as {@value #UNITS_KEY} (a JSON object column → unit,
 * for any reader) and as field metadata {@code {"unit": ...}} of the Spark schema stored under
 * {@value #SPARK_SCHEMA_KEY}, so that {@code spark.read.parquet(...).schema} shows them.
 *
 * <p>Snappy-compressed, written straight to a local or shared file system (java.nio, no Hadoop file
 * system). The caller makes the write atomic (a temporary folder renamed when complete). One call
 * holds the rows of one study in memory (a few hundred bytes per label). Thread-safe (stateless).
 */
final class ParquetTables {

    /** The key under which the units are stored (JSON object: column name → unit). */
    static final String UNITS_KEY = "organ3d.units";
    /** The key under which Spark looks for its own schema (with field metadata). */
    static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ParquetTables() {
    }

    /**
     * Writes {@code rows} (each aligned with {@code columns}, values as {@link Column#coerce} gives
     * them) to a new file {@code file}.
     *
     * @param meta further key-value metadata (plan hash, output version ...)
     * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
     */
    static void write(Path file, List<Column> columns, List<Object[]> rows, Map<String, String> meta) throws IOException {
        MessageType schema = schema(columns);
        Map<String, String> kv = new LinkedHashMap<>(meta);
        kv.put(UNITS_KEY, units(columns));
        kv.put(SPARK_SCHEMA_KEY, sparkSchema(columns).json());
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        // NB: an empty Hadoop configuration (no *-site.xml lookups): the file goes through java.nio
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new NioOutputFile(file)).withConf(new Configuration(false))
                .withType(schema).withExtraMetaData(kv).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withDictionaryEncoding(false).build()) {
            for (Object[] row : rows) {
                if (row.length != columns.size()) {
                    throw new IllegalArgumentException("row of " + row.length + " values for " + columns.size() + " columns");
                }
                Group g = groups.newGroup();
                for (int c = 0; c < row.length; c++) {
                    Object v = columns.get(c).coerce(row[c]);
                    if (v == null) {
                        continue;
                    }
                    String name = columns.get(c).name();
                    switch (columns.get(c).type()) {
                        case STRING -> g.add(name, (String) v);
                        case INT32, DATE -> g.add(name, (Integer) v);
                        case INT64, TIMESTAMP -> g.add(name, (Long) v);
                        case DOUBLE -> g.add(name, (Double) v);
                        case BOOLEAN -> g.add(name, (Boolean) v);
                        default -> throw new AssertionError(columns.get(c).type());
                    }
                }
                w.write(g);
            }
        }
    }

    /** The Parquet schema of {@code columns} (optional fields where a column may be null). */
    static MessageType schema(List<Column> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : columns) {
            Repetition r = c.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
            switch (c.type()) {
                case STRING -> b.primitive(PrimitiveTypeName.BINARY, r).as(LogicalTypeAnnotation.stringType()).named(c.name());
                case INT32 -> b.primitive(PrimitiveTypeName.INT32, r).named(c.name());
                case INT64 -> b.primitive(PrimitiveTypeName.INT64, r).named(c.name());
                case DOUBLE -> b.primitive(PrimitiveTypeName.DOUBLE, r).named(c.name());
                case BOOLEAN -> b.primitive(PrimitiveTypeName.BOOLEAN, r).named(c.name());
                case DATE -> b.primitive(PrimitiveTypeName.INT32, r).as(LogicalTypeAnnotation.dateType()).named(c.name());
                case TIMESTAMP -> b.primitive(PrimitiveTypeName.INT64, r)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name());
                default -> throw new AssertionError(c.type());
            }
        }
        return b.named("spark_schema");
    }

    /** The same columns as a Spark schema, each unit as field metadata {@code unit}. */
    static StructType sparkSchema(List<Column> columns) {
        StructField[] f = new StructField[columns.size()];
        for (int i = 0; i < f.length; i++) {
            Column c = columns.get(i);
            Metadata m = c.unit() == null ? Metadata.empty() : new MetadataBuilder().putString("unit", c.unit()).build();
            f[i] = DataTypes.createStructField(c.name(), sparkType(c.type()), c.nullable(), m);
        }
        return DataTypes.createStructType(f);
    }

    private static DataType sparkType(Column.Type t) {
        return switch (t) {
            case STRING -> DataTypes.StringType;
            case INT32 -> DataTypes.IntegerType;
            case INT64 -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case DATE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }

    private static String units(List<Column> columns) {
        Map<String, String> u = new LinkedHashMap<>();
        for (Column c : columns) {
            if (c.unit() != null) {
                u.put(c.name(), c.unit());
            }
        }
        try {
            return MAPPER.writeValueAsString(u);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Parquet {@link OutputFile} on java.nio: a new file, buffered, counting its position. */
    private record NioOutputFile(Path path) implements OutputFile {

        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return open(StandardOpenOption.CREATE_NEW);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        }

        private PositionOutputStream open(StandardOpenOption... options) throws IOException {
            OutputStream os = new BufferedOutputStream(Files.newOutputStream(path, withWrite(options)), 1 << 16);
            return new PositionOutputStream() {
                private long pos;

                @Override
                public long getPos() {
                    return pos;
                }

                @Override
                public void write(int b) throws IOException {
                    os.write(b);
                    pos++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    os.write(b, off, len);
                    pos += len;
                }

                @Override
                public void flush() throws IOException {
                    os.flush();
                }

                @Override
                public void close() throws IOException {
                    os.close();
                }
            };
        }

        private static StandardOpenOption[] withWrite(StandardOpenOption[] o) {
            StandardOpenOption[] all = java.util.Arrays.copyOf(o, o.length + 1);
            all[o.length] = StandardOpenOption.WRITE;
            return all;
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return path.toString();
        }
    }
}
