import type { FieldErrors, Question } from "../../api/client.ts";

export type QuestionType = Question["type"];

/** A question as edited in the builder: every type's settings as text, converted on save. */
export interface QuestionDraft {
  key: string;
  id: string;
  idTouched: boolean;
  type: QuestionType;
  label: string;
  required: boolean;
  maxLength: string;
  options: string;
  multiple: boolean;
  min: string;
  max: string;
  minLabel: string;
  maxLabel: string;
}

export const TYPE_LABELS: Record<QuestionType, string> = {
  short_text: "Short text",
  choice: "Choice",
  scale: "Scale",
};

let keySeq = 0;
const newKey = () => `q${Date.now().toString(36)}${(keySeq++).toString(36)}`;

/** A question id from its label: lowercase letters, digits and underscores, at most 40 characters. */
export function slugify(label: string): string {
  return label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40)
    .replace(/_+$/g, "");
}

export function uniqueId(base: string, taken: Set<string>): string {
  const root = base || "question";
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${root.slice(0, 40 - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function newQuestion(type: QuestionType, existing: QuestionDraft[]): QuestionDraft {
  const taken = new Set(existing.map((q) => q.id));
  return {
    key: newKey(),
    id: uniqueId(type === "short_text" ? "text" : type, taken),
    idTouched: false,
    type,
    label: "",
    required: false,
    maxLength: "500",
    options: type === "choice" ? "" : "",
    multiple: false,
    min: "1",
    max: "5",
    minLabel: "",
    maxLabel: "",
  };
}

export function toDraft(q: Question): QuestionDraft {
  return {
    key: newKey(),
    id: q.id,
    idTouched: true,
    type: q.type,
    label: q.label,
    required: q.required,
    maxLength: q.type === "short_text" ? String(q.maxLength) : "500",
    options: q.type === "choice" ? q.options.join("\n") : "",
    multiple: q.type === "choice" ? q.multiple : false,
    min: q.type === "scale" ? String(q.min) : "1",
    max: q.type === "scale" ? String(q.max) : "5",
    minLabel: q.type === "scale" ? (q.minLabel ?? "") : "",
    maxLabel: q.type === "scale" ? (q.maxLabel ?? "") : "",
  };
}

export const optionLines = (text: string) =>
  text
    .split("\n")
    .map((o) => o.trim())
    .filter(Boolean);

const int = (s: string) => (/^-?\d+$/.test(s.trim()) ? Number(s) : Number.NaN);

/** Checks the drafts (keyed like the server's paths, `questionnaire.<i>.<field>`) and builds the questions. */
export function buildQuestionnaire(drafts: QuestionDraft[]): { questions: Question[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const questions: Question[] = [];
  const ids = new Set<string>();
  drafts.forEach((d, i) => {
    const at = (field: string) => `questionnaire.${i}.${field}`;
    const label = d.label.trim();
    if (!label) errors[at("label")] = "Write the question.";
    else if (label.length > 300) errors[at("label")] = "Keep the question under 300 characters.";
    if (!/^[a-z0-9_-]{1,40}$/.test(d.id)) errors[at("id")] = "Use 1–40 lowercase letters, digits, - or _.";
    else if (ids.has(d.id)) errors[at("id")] = "Another question already uses this key.";
    ids.add(d.id);
    if (d.type === "short_text") {
      const maxLength = int(d.maxLength);
      if (!(maxLength >= 1 && maxLength <= 2000)) errors[at("maxLength")] = "Pick a limit from 1 to 2000.";
      questions.push({ id: d.id, type: "short_text", label, required: d.required, maxLength });
    } else if (d.type === "choice") {
      const options = optionLines(d.options);
      if (options.length < 2) errors[at("options")] = "List at least two options, one per line.";
      else if (options.length > 20) errors[at("options")] = "List at most 20 options.";
      else if (new Set(options).size !== options.length)
        errors[at("options")] = "Each option must be different.";
      else if (options.some((o) => o.length > 200))
        errors[at("options")] = "Keep each option under 200 characters.";
      questions.push({
        id: d.id,
        type: "choice",
        label,
        required: d.required,
        options,
        multiple: d.multiple,
      });
    } else {
      const min = int(d.min);
      const max = int(d.max);
      if (!(min >= 0 && min <= 10)) errors[at("min")] = "Pick a whole number from 0 to 10.";
      if (!(max >= 1 && max <= 10)) errors[at("max")] = "Pick a whole number from 1 to 10.";
      else if (min >= max) errors[at("max")] = "The highest value must be above the lowest.";
      questions.push({
        id: d.id,
        type: "scale",
        label,
        required: d.required,
        min,
        max,
        ...(d.minLabel.trim() ? { minLabel: d.minLabel.trim() } : {}),
        ...(d.maxLabel.trim() ? { maxLabel: d.maxLabel.trim() } : {}),
      });
    }
  });
  return { questions, errors };
}
