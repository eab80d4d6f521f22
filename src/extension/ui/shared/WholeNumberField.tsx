// A labelled number input for a whole number in the worker's range; its label is the field's name
// (the same name `wholeNumber` uses in the reason it gives).
export function WholeNumberField({
  id,
  field,
  value,
  onChange,
}: {
  id: string;
  field: { name: string; min: number; max: number };
  /** As typed. */
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{field.name}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={field.min}
        max={field.max}
        step={1}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
