export default function ProgramTrainingPage() {
  return null;
}
