export default function MyTrainingPage() {
  return null;
}
