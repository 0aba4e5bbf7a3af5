import { useMemo } from "react";
import { timeZones } from "../lib/dates.ts";
import { SelectField } from "./Field.tsx";

export function TimeZoneField({
  value,
  onChange,
  error,
  label = "Time zone",
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  label?: string;
}) {
  const zones = useMemo(() => {
    const all = timeZones();
    return all.includes(value) ? all : [value, ...all];
  }, [value]);
  return (
    <SelectField
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={zones}
      error={error}
      hint="Times in Trellis are shown in this zone."
    />
  );
}
